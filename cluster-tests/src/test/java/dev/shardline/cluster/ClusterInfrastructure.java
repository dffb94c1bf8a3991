package dev.shardline.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * What the standalone services share, started in this JVM: a KRaft Kafka cluster of {@code brokers} nodes
 * ({@link KraftCluster}), one PostgreSQL database (a fresh one on the
 * server at 127.0.0.1:5432 when one answers there with trust authentication, as on the build machines, else a zonky
 * embedded server) and an S3 endpoint (S3Proxy on the jclouds filesystem backend, as the all-in-one runtime has).
 *
 * <p>Also a program of its own ({@link #main}), so that {@code bench/cluster.sh} runs the same parts for its
 * services.
 */
public final class ClusterInfrastructure implements AutoCloseable {

    static final String S3_ACCESS_KEY = "cluster-s3";
    static final String S3_SECRET_KEY = "cluster-s3-secret";

    private final KraftCluster kafka;
    private final EmbeddedPostgres embeddedPostgres;
    private final String database;
    private final String jdbcUrl;
    private final S3Proxy s3;
    private final BlobStoreContext s3Context;
    private final Path s3Dir;

    private ClusterInfrastructure(
            KraftCluster kafka,
            EmbeddedPostgres embeddedPostgres,
            String database,
            String jdbcUrl,
            S3Proxy s3,
            BlobStoreContext s3Context,
            Path s3Dir) {
        this.kafka = kafka;
        this.embeddedPostgres = embeddedPostgres;
        this.database = database;
        this.jdbcUrl = jdbcUrl;
        this.s3 = s3;
        this.s3Context = s3Context;
        this.s3Dir = s3Dir;
    }

    static ClusterInfrastructure start(int brokers) throws Exception {
        KraftCluster kafka = KraftCluster.start(brokers);

        EmbeddedPostgres embedded = null;
        String database = "shardline_cluster_" + Long.toHexString(System.nanoTime());
        String jdbcUrl;
        if (localPostgresAnswers()) {
            try (Connection connection =
                            DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("create database " + database);
            }
            jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/" + database;
        } else {
            embedded = EmbeddedPostgres.builder().start();
            database = null;
            jdbcUrl = embedded.getJdbcUrl("postgres", "postgres");
        }

        Path s3Dir = Files.createTempDirectory("shardline-cluster-s3");
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", s3Dir.toString());
        BlobStoreContext context =
                ContextBuilder.newBuilder("filesystem").overrides(properties).buildView(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        return new ClusterInfrastructure(kafka, embedded, database, jdbcUrl, proxy, context, s3Dir);
    }

    private static boolean localPostgresAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
        } catch (IOException e) {
            return false;
        }
        try (Connection ignored =
                DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    URI s3Endpoint() {
        return URI.create("http://127.0.0.1:" + s3.getPort());
    }

    KraftCluster kafka() {
        return kafka;
    }

    /** Stops Kafka node {@code nodeId}, broker and controller. */
    void stopBroker(int nodeId) {
        kafka.stop(nodeId);
    }

    @Override
    public void close() throws Exception {
        try {
            s3.stop();
            s3Context.close();
        } finally {
            try {
                kafka.close();
            } finally {
                if (embeddedPostgres != null) {
                    embeddedPostgres.close();
                } else {
                    try (Connection connection = DriverManager.getConnection(
                                    "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                            Statement statement = connection.createStatement()) {
                        statement.execute("drop database if exists " + database + " with (force)");
                    }
                }
                deleteRecursively(s3Dir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the parts until the process is stopped: {@code ClusterInfrastructure BROKERS FILE} writes
     * {@code KAFKA=..., JDBC=..., S3=...} lines into FILE (a shell can source it) once everything answers.
     */
    public static void main(String[] args) throws Exception {
        int brokers = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Path file = Path.of(args.length > 1 ? args[1] : "cluster-infrastructure.env");
        ClusterInfrastructure infrastructure = start(brokers);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                infrastructure.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(
                partial,
                "KAFKA=" + infrastructure.bootstrapServers() + "\nJDBC=" + infrastructure.jdbcUrl() + "\nS3="
                        + infrastructure.s3Endpoint() + "\nS3_ACCESS_KEY=" + S3_ACCESS_KEY + "\nS3_SECRET_KEY="
                        + S3_SECRET_KEY + "\n");
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
    }
}
