package dev.shardline.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The all-in-one runtime as a child process on the test's own class path, for the crash tests that kill it with
 * SIGKILL and start it again on the same data directory. Its output goes to a log file in the data directory.
 */
final class LaunchedRuntime {

    private LaunchedRuntime() {}

    /**
     * Starts the runtime and waits until its health endpoint answers 200.
     *
     * @param jvmOptions options for the child JVM (heap, --add-opens, ...)
     * @param arguments Spring arguments after the port and data directory (e.g. the S3 port)
     */
    static Process start(Path dataDir, int port, Duration startup, List<String> jvmOptions, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                LocalApplication.class.getName(),
                "--server.port=" + port,
                "--shardline.data-dir=" + dataDir));
        command.addAll(List.of(arguments));
        Process started = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        dataDir.resolve("server-" + System.nanoTime() + ".log").toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        await().atMost(startup).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!started.isAlive()) {
                throw new AssertionError("Shardline exited during startup; see logs in " + dataDir);
            }
            try {
                return http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        return started;
    }
}
