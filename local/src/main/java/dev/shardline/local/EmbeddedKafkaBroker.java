package dev.shardline.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-node Kafka (KRaft, combined broker and controller) inside the all-in-one JVM, so a local install needs no
 * separate broker process yet keeps its topics and records across restarts, including after {@code kill -9}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /**
     * A broker that starts in 5 s on a quiet machine took over a minute on a 2-core machine with a load average of 20
     * (seen in CI and in benchmarks running beside builds): the bound is there for a broker that cannot start at all,
     * so it is generous rather than tight.
     */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private static final Duration READINESS_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a broker whose whole state lives in {@code logDir}, formatting the directory only if it has never been
     * formatted, and returns once the broker answers admin requests.
     */
    public static EmbeddedKafkaBroker start(Path logDir) {
        int[] ports = FreePorts.on(HOST, 2);
        return start(logDir, ports[0], ports[1]);
    }

    /** As {@link #start(Path)}, on ports the caller has chosen (so that it can hand the address on before it is up). */
    static EmbeddedKafkaBroker start(Path logDir, int brokerPort, int controllerPort) {
        long startedAt = System.nanoTime();
        long deadline = startedAt + STARTUP_TIMEOUT.toNanos();
        Path dir = logDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Kafka log directory " + dir, e);
        }
        String bootstrapServers = bootstrapServers(brokerPort);
        Map<String, String> properties = brokerProperties(dir, brokerPort, controllerPort);
        if (!isFormatted(dir)) {
            format(dir, properties);
        }
        KafkaConfig config = new KafkaConfig(properties, false);

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, bootstrapServers);
        try {
            server.startup();
            awaitReady(bootstrapServers, deadline);
        } catch (RuntimeException | Error e) {
            try {
                broker.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        log.info(
                "Embedded Kafka broker ready on {} with data in {} after {} ms",
                bootstrapServers,
                dir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    static String bootstrapServers(int brokerPort) {
        return HOST + ":" + brokerPort;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    private static Map<String, String> brokerProperties(Path dir, int brokerPort, int controllerPort) {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        // A static quorum stores no endpoints on disk, so the controller may come back on a different free port.
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put(
                "listeners",
                BROKER_LISTENER + "://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                        + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put(
                "listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", dir.toString());

        // Internal topics default to three replicas, which a single node can never satisfy.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("unclean.leader.election.enable", "true");
        // Topics are created explicitly with their own partition counts and retention; a typo must not create one.
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        // Nobody else can join a single-process group, so waiting for late members only delays startup.
        props.put("group.initial.rebalance.delay.ms", "0");
        // After kill -9 the controller refuses the returning broker (DUPLICATE_BROKER_REGISTRATION) until the dead
        // incarnation's session expires: 9 s by default, and all of it adds to the restart. Both run in this JVM over
        // loopback, so a short session costs only a heartbeat every 250 ms; a stall of the whole JVM longer than the
        // session fences the broker until its next heartbeat, which producers ride out by retrying.
        props.put("broker.session.timeout.ms", "1500");
        props.put("broker.heartbeat.interval.ms", "250");
        // Bounds the wait inside startup() itself, which otherwise blocks forever on a broker that cannot register.
        props.put("server.max.startup.time.ms", String.valueOf(STARTUP_TIMEOUT.toMillis()));
        // The cleaner eagerly allocates this buffer on heap (128 MiB by default), too much for a shared local JVM.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return props;
    }

    private static boolean isFormatted(Path dir) {
        // Formatting writes meta.properties last, so its presence means a complete format whose data must be kept.
        return Files.isRegularFile(dir.resolve("meta.properties"));
    }

    private static void format(Path dir, Map<String, String> brokerProperties) {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        Path configFile = null;
        try {
            // Formatting from the very config the server starts with keeps directories and listeners in agreement.
            configFile = Files.createTempFile("embedded-kafka-", ".properties");
            Properties properties = new Properties();
            properties.putAll(brokerProperties);
            try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                properties.store(writer, null);
            }
            exitCode = StorageTool.execute(
                    new String[] {"format", "--cluster-id", clusterId, "--config", configFile.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot format Kafka log directory " + dir, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot format Kafka log directory " + dir, e);
        } finally {
            deleteQuietly(configFile);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("Cannot format Kafka log directory " + dir + ": "
                    + output.toString(StandardCharsets.UTF_8).strip());
        }
        log.info("Formatted new Kafka log directory {} for cluster {}", dir, clusterId);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Cannot delete temporary Kafka config {}", file, e);
        }
    }

    private static void awaitReady(String bootstrapServers, long deadline) {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "embedded-kafka-readiness");
        Exception lastFailure = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                long attemptMs = Math.max(
                        1, Math.min(READINESS_ATTEMPT_TIMEOUT.toMillis(), (deadline - System.nanoTime()) / 1_000_000));
                try {
                    // Fenced brokers are left out of the answer, so seeing our node means it will also take writes.
                    Collection<Node> nodes = admin.describeCluster(
                                    new DescribeClusterOptions().timeoutMs((int) attemptMs))
                            .nodes()
                            .get(attemptMs, TimeUnit.MILLISECONDS);
                    if (nodes.stream().anyMatch(node -> node.id() == NODE_ID)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastFailure = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for embedded Kafka broker", e);
                }
            }
        }
        throw new IllegalStateException(
                "Embedded Kafka broker on " + bootstrapServers + " did not accept requests within " + STARTUP_TIMEOUT,
                lastFailure);
    }
}
