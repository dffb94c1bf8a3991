package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL lets its superuser in only with the generated password, over TCP as the runtime connects,
 * and a data directory that an older Shardline made with zonky's {@code trust} gets that password at start, its data
 * intact.
 */
class EmbeddedPostgresServerTest {

    @TempDir
    Path dir;

    @Test
    void theSuperuserConnectsOnlyWithThePasswordKeptInAFileOnlyItsOwnerCanRead() throws Exception {
        Path dataDir = dir.resolve("postgres");
        Path passwordFile = dir.resolve("postgres-password");
        Path binaries = dir.resolve("binaries");
        int port = FreePorts.on("127.0.0.1", 1)[0];

        try (EmbeddedPostgresServer ignored = EmbeddedPostgresServer.start(dataDir, passwordFile, binaries, port)) {
            String password = Files.readString(passwordFile).trim();
            assertThat(password).hasSizeGreaterThanOrEqualTo(40);
            assertThat(permissions(passwordFile)).isEqualTo("rw-------");
            assertThat(permissions(binaries)).isEqualTo("rwx------");

            assertThatThrownBy(() -> connect(port, null))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> connect(port, "not-" + password))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed for user \"postgres\"");
            try (Connection connection = connect(port, password);
                    ResultSet one = connection.createStatement().executeQuery("SELECT 1")) {
                assertThat(one.next()).isTrue();
            }
        }
    }

    @Test
    void aDataDirectoryThatTrustedEveryoneGetsThePasswordAtStartAndKeepsItsData() throws Exception {
        Path dataDir = dir.resolve("postgres");
        Path passwordFile = dir.resolve("postgres-password");
        Path binaries = dir.resolve("binaries");
        int port = FreePorts.on("127.0.0.1", 1)[0];
        // as Shardline made it before: zonky's initdb with trust, no password file
        try (EmbeddedPostgres older = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir.toFile())
                        .setCleanDataDirectory(false)
                        .setOverrideWorkingDirectory(binaries.toFile())
                        .setPort(port)
                        .start();
                Connection connection = older.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (name text)");
            statement.execute("INSERT INTO kept VALUES ('orders')");
        }
        assertThat(passwordFile).doesNotExist();

        try (EmbeddedPostgresServer ignored = EmbeddedPostgresServer.start(dataDir, passwordFile, binaries, port)) {
            String password = Files.readString(passwordFile).trim();
            assertThatThrownBy(() -> connect(port, null)).isInstanceOf(SQLException.class);
            try (Connection connection = connect(port, password);
                    ResultSet kept = connection.createStatement().executeQuery("SELECT name FROM kept")) {
                assertThat(kept.next()).isTrue();
                assertThat(kept.getString(1)).isEqualTo("orders");
            }
            assertThat(Files.readString(dataDir.resolve("pg_hba.conf")))
                    .doesNotContainPattern("(?m)^[^#]*\\strust\\s*$");
        }
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
