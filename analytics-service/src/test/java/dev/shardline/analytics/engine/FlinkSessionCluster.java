package dev.shardline.analytics.engine;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;

/**
 * A Flink session cluster as separate processes on this machine: a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and one TaskManager ({@code TaskManagerRunner}), started with
 * {@code java} from Flink's own JARs in the Maven repository (the Flink part of this test's class path: no Shardline
 * classes, no Kafka client, no Flink Kafka connector, so what a job needs beyond Flink must travel with it), with small
 * memory and two slots. Their logs go to files in the cluster's directory.
 */
final class FlinkSessionCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> NOT_FLINK = List.of(
            "shardline",
            "/org/apache/kafka/",
            "flink-connector-kafka",
            "/org/springframework/",
            "/software/amazon/",
            "/org/hibernate/",
            "/org/postgresql/",
            "/io/zonky/",
            "/org/gaul/",
            "/org/apache/tomcat/");

    private final Path directory;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();

    private FlinkSessionCluster(Path directory, int restPort) {
        this.directory = directory;
        this.restPort = restPort;
    }

    /**
     * Starts the JobManager and the TaskManager and returns at once: they boot while the test prepares the rest;
     * {@link #awaitSlots()} waits for them.
     */
    static FlinkSessionCluster start(Path directory) throws IOException {
        Files.createDirectories(directory);
        FlinkSessionCluster cluster = new FlinkSessionCluster(directory, freePort());
        try {
            cluster.writeConfiguration(freePort());
            String classPath = flinkClassPath();
            cluster.launch(
                    "jobmanager",
                    "-Xmx384m",
                    classPath,
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
            cluster.launch(
                    "taskmanager", "-Xmx400m", classPath, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
            cluster.awaitSlots();
            return cluster;
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e;
        }
    }

    URI restUrl() {
        return URI.create("http://localhost:" + restPort);
    }

    /** Flink's own REST client, for the test's look at the cluster. */
    RestClusterClient<String> client() throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.ADDRESS, "localhost");
        configuration.set(RestOptions.PORT, restPort);
        return new RestClusterClient<>(configuration, "test");
    }

    private void writeConfiguration(int rpcPort) throws IOException {
        Files.writeString(
                directory.resolve("config.yaml"),
                String.join(
                        "\n",
                        "jobmanager.rpc.address: localhost",
                        "jobmanager.rpc.port: " + rpcPort,
                        "jobmanager.bind-host: localhost",
                        "jobmanager.memory.process.size: 768m",
                        "rest.address: localhost",
                        "rest.bind-address: localhost",
                        "rest.port: " + restPort,
                        "taskmanager.host: localhost",
                        "taskmanager.bind-host: localhost",
                        "taskmanager.numberOfTaskSlots: 2",
                        // What Flink's start script computes from taskmanager.memory.process.size and passes on.
                        "taskmanager.cpu.cores: 2",
                        "taskmanager.memory.framework.heap.size: 128m",
                        "taskmanager.memory.task.heap.size: 256m",
                        "taskmanager.memory.framework.off-heap.size: 64m",
                        "taskmanager.memory.task.off-heap.size: 0m",
                        "taskmanager.memory.network.min: 32m",
                        "taskmanager.memory.network.max: 32m",
                        "taskmanager.memory.managed.size: 32m",
                        "taskmanager.memory.jvm-metaspace.size: 192m",
                        "taskmanager.memory.jvm-overhead.min: 64m",
                        "taskmanager.memory.jvm-overhead.max: 64m",
                        "parallelism.default: 1",
                        ""));
        Files.writeString(directory.resolve("logback.xml"), """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>${log.file}</file>
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """);
    }

    private void launch(String name, String heap, String classPath, String mainClass) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap,
                "-XX:+UseSerialGC",
                "-XX:MaxMetaspaceSize=256m",
                "-Dlog.file=" + directory.resolve(name + ".log"),
                "-Dlogback.configurationFile=" + directory.resolve("logback.xml")));
        for (String module : List.of(
                "java.base/java.util",
                "java.base/java.lang",
                "java.base/java.lang.reflect",
                "java.base/java.io",
                "java.base/java.net",
                "java.base/java.nio",
                "java.base/sun.nio.ch",
                "java.base/java.text",
                "java.base/java.time",
                "java.base/java.util.concurrent",
                "java.base/java.util.concurrent.atomic",
                "java.base/java.util.concurrent.locks")) {
            command.add("--add-opens");
            command.add(module + "=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", classPath, mainClass, "--configDir", directory.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".out").toFile())
                .start();
        processes.add(process);
    }

    /** Waits until the TaskManager's two slots are registered with the JobManager (or a process died). */
    void awaitSlots() {
        try (RestClusterClient<String> client = client()) {
            await().atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        for (Process process : processes) {
                            if (!process.isAlive()) {
                                throw new IllegalStateException(
                                        "A Flink process exited with " + process.exitValue() + "; see " + directory);
                            }
                        }
                        return client.getClusterOverview().get().getNumSlotsTotal() >= 2;
                    });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JARs of this test's class path that Flink itself consists of (or needs), read from Surefire's manifest. */
    private static String flinkClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("surefirebooter")) {
                try (JarFile booter = new JarFile(entry)) {
                    String manifest = booter.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String url : manifest.split(" ")) {
                        if (!url.isBlank()) {
                            entries.add(Path.of(URI.create(url)).toString());
                        }
                    }
                }
            } else {
                entries.add(entry);
            }
        }
        List<String> flink = entries.stream()
                .filter(entry -> entry.endsWith(".jar"))
                .filter(entry -> Stream.of(entry.replace('\\', '/'))
                        .noneMatch(path -> NOT_FLINK.stream().anyMatch(path::contains)))
                .toList();
        if (flink.stream().noneMatch(entry -> entry.contains("flink-runtime"))) {
            throw new IllegalStateException("No flink-runtime JAR on the test's class path: " + entries);
        }
        return String.join(File.pathSeparator, flink);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The log of one of the processes ({@code jobmanager} or {@code taskmanager}), for a failing test's message. */
    String log(String name) {
        try {
            Path log = directory.resolve(name + ".log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills both processes and waits for them to be gone. */
    @Override
    public void close() {
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
