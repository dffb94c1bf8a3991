package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The README's first command, as a new user runs it: {@code java -jar local/target/shardline-local.jar}. Tests on the
 * test classpath cannot see what the repackaged jar lacks (a dependency in the wrong scope, say); this one can.
 */
class RunnableJarIT {

    @TempDir
    Path dataDir;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void theRunnableJarStartsAndServesKinesisOverTheAwsSdk() throws Exception {
        Path jar = Path.of(System.getProperty("shardline.jar"));
        assertThat(jar).exists();
        int port = freePort();
        Path log = dataDir.resolve("server.log");
        process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        jar.toString(),
                        "--server.port=" + port,
                        "--shardline.s3.port=0",
                        "--shardline.data-dir=" + dataDir.resolve("data"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    assertThat(process.isAlive())
                            .as("the jar exited; see " + log)
                            .isTrue();
                    try {
                        return http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });

        KinesisClient kinesis = KinesisClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        kinesis.createStream(r -> r.streamName("from-the-jar").shardCount(1));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> kinesis.describeStreamSummary(r -> r.streamName("from-the-jar"))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
        kinesis.putRecord(r -> r.streamName("from-the-jar").partitionKey("k").data(SdkBytes.fromUtf8String("hi")));
        String iterator = kinesis.getShardIterator(r -> r.streamName("from-the-jar")
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();

        assertThat(kinesis.getRecords(r -> r.shardIterator(iterator)).records())
                .extracting(r -> r.data().asUtf8String())
                .containsExactly("hi");
        assertThat(Files.readString(log)).contains("Shardline is ready");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
