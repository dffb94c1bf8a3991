package dev.shardline.streams.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.keys.SecretSeal;
import dev.shardline.platform.seal.AesGcm;
import dev.shardline.platform.testing.SharedPostgres;
import dev.shardline.streams.StreamsProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The shard-iterator secret of a database that an older version wrote in plain text, and under another master key. */
class IteratorSecretTest {

    private final SecretSeal seal = SecretSeal.of(AesGcm.newKey());
    private JdbcTemplate jdbc;

    @BeforeEach
    void databaseAtVersionSeven() throws SQLException {
        String database = "iterator_secret_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(SharedPostgres.jdbcUrl(), "postgres", "postgres");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        String url = SharedPostgres.jdbcUrl().replace("/postgres?", "/" + database + "?");
        migrate(url, MigrationVersion.fromVersion("7"));
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "postgres"));
    }

    @Test
    void aPlainSecretOfAnOlderVersionIsSealedAndKeptSoItsIteratorsStillOpen() {
        byte[] plain = AesGcm.newKey();
        jdbc.update("insert into streams.iterator_key (id, secret) values (1, ?)", (Object) plain);
        migrate(url(), MigrationVersion.LATEST);

        byte[] loaded = new IteratorSecret(jdbc, seal).load();

        Map<String, Object> row = row();
        assertThat(loaded).isEqualTo(plain);
        assertThat(row.get("master_key_id")).isEqualTo(seal.masterKeyId());
        assertThat((byte[]) row.get("secret")).isNotEqualTo(plain).hasSize(AesGcm.NONCE_BYTES + 32 + AesGcm.TAG_BYTES);
        assertThat(seal.open((byte[]) row.get("secret"), seal.masterKeyId(), IteratorSecret.PURPOSE))
                .isEqualTo(plain);
        // An iterator made with the old plain secret still opens once the secret is sealed.
        ShardIterators iterators = new ShardIterators(new IteratorSecret(jdbc, seal), properties(), Clock.systemUTC());
        UUID stream = UUID.randomUUID();
        ShardIterators before = new ShardIterators(new PlainSecret(plain), properties(), Clock.systemUTC());
        assertThat(iterators.open(before.issue(stream, 2, 9)).offset()).isEqualTo(9);
    }

    @Test
    void aSecretSealedUnderAnotherMasterKeyIsReplaced() {
        migrate(url(), MigrationVersion.LATEST);
        SecretSeal other = SecretSeal.of(AesGcm.newKey());
        byte[] first = new IteratorSecret(jdbc, other).load();

        byte[] replaced = new IteratorSecret(jdbc, seal).load();

        assertThat(replaced).isNotEqualTo(first).hasSize(32);
        assertThat(row().get("master_key_id")).isEqualTo(seal.masterKeyId());
        assertThat(new IteratorSecret(jdbc, seal).load()).isEqualTo(replaced);
    }

    private Map<String, Object> row() {
        return jdbc.queryForMap("select secret, master_key_id from streams.iterator_key where id = 1");
    }

    private String url() {
        return ((DriverManagerDataSource) jdbc.getDataSource()).getUrl();
    }

    private static StreamsProperties properties() {
        return Binder.get(new org.springframework.core.env.StandardEnvironment())
                .bindOrCreate("shardline.streams", StreamsProperties.class);
    }

    private static void migrate(String url, MigrationVersion target) {
        Flyway.configure()
                .dataSource(url, "postgres", "postgres")
                .schemas("streams")
                .createSchemas(true)
                .locations("classpath:db/migration/streams")
                .target(target)
                .load()
                .migrate();
    }

    /** The secret as an older version used it, straight from memory. */
    private static final class PlainSecret extends IteratorSecret {
        private final byte[] plain;

        PlainSecret(byte[] plain) {
            super(null, null);
            this.plain = plain;
        }

        @Override
        byte[] load() {
            return plain;
        }
    }
}
