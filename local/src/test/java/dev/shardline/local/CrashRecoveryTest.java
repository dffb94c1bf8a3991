package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The all-in-one runtime as a separate process, killed with SIGKILL while producers write and started again on the
 * same data directory: every record that was acknowledged before the kill is still there, byte for byte.
 */
class CrashRecoveryTest {

    private static final Duration STARTUP = Duration.ofMinutes(2);

    @TempDir
    Path dataDir;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void recordsAcknowledgedBeforeAKill9AreAllReadableAfterRestart() throws Exception {
        int port = freePort();
        process = start(port);
        KinesisClient kinesis = client(port);
        kinesis.createStream(r -> r.streamName("survivor").shardCount(2));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> kinesis.describeStreamSummary(r -> r.streamName("survivor"))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);

        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        Thread producer = new Thread(() -> produceUntilFailure(kinesis, acknowledged, killed));
        producer.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 2_000);
        killed.set(true);
        process.destroyForcibly().waitFor();
        producer.join(Duration.ofSeconds(60).toMillis());
        int ackedBeforeKill = acknowledged.size();

        process = start(port);
        KinesisClient restarted = client(port);
        Map<String, String> read = new HashMap<>();
        for (Shard shard : restarted.listShards(r -> r.streamName("survivor")).shards()) {
            read.putAll(readShard(restarted, shard.shardId()));
        }

        assertThat(ackedBeforeKill).isGreaterThanOrEqualTo(2_000);
        assertThat(read).containsAllEntriesOf(acknowledged);
    }

    @Test
    void encryptedRecordsAreReadableAfterAKill9AndRestartUnderTheMasterKeyKeptInTheDataDirectory() throws Exception {
        int port = freePort();
        process = start(port);
        KinesisClient kinesis = client(port);
        kinesis.createStream(r -> r.streamName("survivor").shardCount(1));
        awaitActive(kinesis);
        kinesis.startStreamEncryption(
                r -> r.streamName("survivor").encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
        awaitActive(kinesis);
        PutRecordResponse put = kinesis.putRecord(
                r -> r.streamName("survivor").partitionKey("k").data(SdkBytes.fromUtf8String("kept secret")));
        assertThat(put.encryptionType()).isEqualTo(EncryptionType.KMS);
        process.destroyForcibly().waitFor();

        process = start(port);
        Map<String, String> read = readShard(client(port), put.shardId());

        assertThat(read).containsExactly(Map.entry(put.sequenceNumber(), "kept secret"));
        assertThat(dataDir.resolve("kms/master-key")).isRegularFile();
    }

    private static void awaitActive(KinesisClient kinesis) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> kinesis.describeStreamSummary(r -> r.streamName("survivor"))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
    }

    private static void produceUntilFailure(
            KinesisClient kinesis, Map<String, String> acknowledged, AtomicBoolean killed) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int batch = 0;
        while (!killed.get() && System.nanoTime() < deadline) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey("key-" + i)
                        .data(SdkBytes.fromUtf8String("batch-" + batch + "-record-" + i))
                        .build());
            }
            batch++;
            PutRecordsResponse response;
            try {
                response = kinesis.putRecords(r -> r.streamName("survivor").records(entries));
            } catch (RuntimeException serverGone) {
                return;
            }
            for (int i = 0; i < entries.size(); i++) {
                PutRecordsResultEntry result = response.records().get(i);
                if (result.errorCode() == null) {
                    acknowledged.put(
                            result.sequenceNumber(), entries.get(i).data().asUtf8String());
                }
            }
        }
    }

    private static Map<String, String> readShard(KinesisClient kinesis, String shardId) {
        String iterator = kinesis.getShardIterator(r ->
                        r.streamName("survivor").shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        Map<String, String> records = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String current = iterator;
            GetRecordsResponse got = kinesis.getRecords(r -> r.shardIterator(current));
            got.records()
                    .forEach(rec -> records.put(rec.sequenceNumber(), rec.data().asUtf8String()));
            iterator = got.nextShardIterator();
            if (got.records().isEmpty() && got.millisBehindLatest() == 0) {
                return records;
            }
        }
        throw new AssertionError("Shard " + shardId + " was not read to its end in time");
    }

    private Process start(int port, String... jvmOptions) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx512m"));
        options.addAll(List.of(jvmOptions));
        // no fixed port for the embedded S3 endpoint: nothing else on the machine can be in the way
        return LaunchedRuntime.start(dataDir, port, STARTUP, options, "--shardline.s3.port=0");
    }

    /**
     * Tomcat's directories (left in /tmp by every run before) live under the data directory; the JVM's own temporary
     * directory is the launcher's to move (RunnableJarIT checks that), so this test gives the JVM one of its own.
     */
    @Test
    void aKill9LeavesNoTomcatDirectoriesInTheMachinesTempAndPostgresSyncsToDisk(@TempDir Path machineTemp)
            throws Exception {
        int port = freePort();
        String tmpdir = "-Djava.io.tmpdir=" + machineTemp;
        process = start(port, tmpdir);
        process.destroyForcibly().waitFor();
        Path leftOver = Files.createFile(dataDir.resolve("tmp").resolve("left-by-the-killed-run"));

        process = start(port, tmpdir);

        try (Stream<Path> files = Files.list(machineTemp)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("Tomcat's directories in the JVM's temporary directory")
                    .noneMatch(name -> name.startsWith("tomcat"));
        }
        assertThat(leftOver).doesNotExist();
        assertThat(dataDir.resolve("tmp/tomcat")).isDirectory();
        assertThat(dataDir.resolve("tmp/docroot")).isDirectory();
        // postmaster.pid: pid, data directory, start time, port, ...
        int postgresPort = Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .get(3)
                .trim());
        String password = Files.readString(EmbeddedInfrastructure.postgresPasswordFile(dataDir))
                .trim();
        try (Connection db = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres?user=postgres",
                        "postgres",
                        password);
                ResultSet fsync = db.createStatement().executeQuery("SHOW fsync")) {
            assertThat(fsync.next()).isTrue();
            assertThat(fsync.getString(1)).isEqualTo("on");
        }
    }

    private static KinesisClient client(int port) {
        return KinesisClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
