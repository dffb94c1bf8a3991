package dev.shardline.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A KRaft Kafka cluster of {@code n} nodes in this JVM, each broker and controller with a static quorum, as
 * docker-compose.yml's: every topic replicated on all nodes (up to 3), {@code min.insync.replicas} one less, no
 * unclean leader election. A node can be stopped on its own ({@link #stop}), broker and controller together, as a
 * container that dies (no controlled shutdown: the others fence it once its session of 3 s expires).
 */
final class KraftCluster implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(3);

    private final Map<Integer, KafkaRaftServer> nodes;
    private final String bootstrapServers;
    private final List<Path> dirs;

    private KraftCluster(Map<Integer, KafkaRaftServer> nodes, String bootstrapServers, List<Path> dirs) {
        this.nodes = nodes;
        this.bootstrapServers = bootstrapServers;
        this.dirs = dirs;
    }

    static KraftCluster start(int size) throws Exception {
        int[] brokerPorts = new int[size];
        int[] controllerPorts = new int[size];
        for (int i = 0; i < size; i++) {
            brokerPorts[i] = freePort();
            controllerPorts[i] = freePort();
        }
        String voters = java.util.stream.IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i])
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        String replication = String.valueOf(Math.min(size, 3));
        String minInSync = String.valueOf(Math.max(1, Math.min(size, 3) - 1));
        Map<Integer, KafkaRaftServer> nodes = new HashMap<>();
        List<Path> dirs = new ArrayList<>();
        List<CompletableFuture<Void>> startups = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int nodeId = i + 1;
            Path dir = Files.createTempDirectory("shardline-kraft-" + nodeId + "-");
            dirs.add(dir);
            Map<String, String> props = new HashMap<>();
            props.put("process.roles", "broker,controller");
            props.put("node.id", String.valueOf(nodeId));
            props.put("controller.quorum.voters", voters);
            props.put("controller.listener.names", "CONTROLLER");
            props.put(
                    "listeners",
                    "PLAINTEXT://127.0.0.1:" + brokerPorts[i] + ",CONTROLLER://127.0.0.1:" + controllerPorts[i]);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPorts[i]);
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", dir.toString());
            props.put("default.replication.factor", replication);
            props.put("min.insync.replicas", minInSync);
            props.put("offsets.topic.replication.factor", replication);
            props.put("transaction.state.log.replication.factor", replication);
            props.put("transaction.state.log.min.isr", minInSync);
            props.put("share.coordinator.state.topic.replication.factor", replication);
            props.put("share.coordinator.state.topic.min.isr", minInSync);
            props.put("unclean.leader.election.enable", "false");
            props.put("auto.create.topics.enable", "false");
            props.put("num.partitions", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
            props.put("server.max.startup.time.ms", String.valueOf(STARTUP.toMillis()));
            // A stopped node goes as a crashed one does: no controlled shutdown (which would also wait for a quorum
            // that is gone once the other nodes of the cluster have stopped); the others fence it after the session
            props.put("controlled.shutdown.enable", "false");
            props.put("broker.session.timeout.ms", "3000");
            props.put("broker.heartbeat.interval.ms", "500");
            format(dir, props, clusterId);
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            nodes.put(nodeId, server);
            // a node's startup waits for the quorum, which needs the others: all start side by side
            startups.add(CompletableFuture.runAsync(server::startup));
        }
        String bootstrap = java.util.Arrays.stream(brokerPorts)
                .mapToObj(port -> "127.0.0.1:" + port)
                .collect(Collectors.joining(","));
        KraftCluster cluster = new KraftCluster(nodes, bootstrap, dirs);
        try {
            CompletableFuture.allOf(startups.toArray(CompletableFuture[]::new)).get();
            cluster.awaitBrokers(size);
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Stops node {@code nodeId}, its broker and its controller. */
    void stop(int nodeId) {
        KafkaRaftServer server = nodes.remove(nodeId);
        server.shutdown();
        server.awaitShutdown();
    }

    private void awaitBrokers(int size) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    int registered = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                            .nodes()
                            .get()
                            .size();
                    if (registered == size) {
                        return;
                    }
                } catch (ExecutionException notYet) {
                    // the quorum or a broker is not ready
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka cluster of " + size + " not ready after " + STARTUP);
                }
                Thread.sleep(200);
            }
        }
    }

    private static void format(Path dir, Map<String, String> props, String clusterId) throws IOException {
        Path config = Files.createTempFile("shardline-kraft-", ".properties");
        try {
            Properties properties = new Properties();
            properties.putAll(props);
            try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                properties.store(writer, null);
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = StorageTool.execute(
                    new String[] {"format", "--cluster-id", clusterId, "--config", config.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException(
                        "Cannot format " + dir + ": " + output.toString(StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(config);
        }
    }

    @Override
    public void close() {
        List<KafkaRaftServer> running = new ArrayList<>(nodes.values());
        nodes.clear();
        running.forEach(KafkaRaftServer::shutdown);
        running.forEach(KafkaRaftServer::awaitShutdown);
        for (Path dir : dirs) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
