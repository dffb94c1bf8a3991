package dev.shardline.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.analytics.connector.TestStreams;
import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.unit.DataSize;

/**
 * The embedded engine against a real KRaft broker, one MiniCluster for the class: SQL applications over streams (as
 * the streams service keeps them), their errors, snapshots and restores, failures and restarts, and JAR applications.
 */
class EmbeddedFlinkEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static EmbeddedKafkaKraftBroker broker;
    private static TestStreams streams;
    private static EmbeddedFlinkEngine engine;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        streams = new TestStreams(broker.getBrokersAsString());
        FlinkEngineProperties properties = new FlinkEngineProperties(
                8,
                4,
                DataSize.ofMegabytes(64),
                DataSize.ofMegabytes(64),
                1,
                Duration.ofSeconds(1),
                work.resolve("engine"),
                true,
                "localhost",
                0);
        engine = new EmbeddedFlinkEngine(properties, streams.catalog(), null, streams.kafka());
    }

    @AfterAll
    static void stop() {
        engine.destroy();
        streams.close();
        broker.destroy();
    }

    private static JobSpec sqlSpec(String name, String sql, boolean checkpoints, Optional<String> restoreFrom) {
        return new JobSpec(
                name,
                TestStreams.ACCOUNT,
                TestStreams.REGION,
                new JobSpec.Sql(sql),
                Map.of(),
                1,
                new JobSpec.Checkpointing(checkpoints, Duration.ofMillis(500), Duration.ofMillis(100)),
                work.resolve("checkpoints").resolve(name).toUri().toString(),
                restoreFrom,
                false);
    }

    private static String source(String table, String arn, String columns, String extra) {
        return "CREATE TABLE " + table + " (" + columns + ") WITH ('connector' = 'kinesis', 'stream.arn' = '" + arn
                + "', 'aws.region' = 'us-east-1', 'source.init.position' = 'TRIM_HORIZON', 'format' = 'json'" + extra
                + ");\n";
    }

    @Test
    void aTumblingWindowCountOverAStreamGivesExactlyTheCountsPutAndTheSinkRoutesByTheShardMap() throws Exception {
        String clicks = streams.create("clicks", 1);
        String counts = streams.create("click-counts", 2);
        String sql = "SET 'table.exec.source.idle-timeout' = '5 s';\n"
                + source("clicks", clicks, "k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts", "")
                + "CREATE TABLE counts (k STRING, window_start TIMESTAMP(3), cnt BIGINT) PARTITIONED BY (k) WITH ("
                + "'connector' = 'kinesis', 'stream.arn' = '" + counts + "', 'aws.region' = 'us-east-1',"
                + " 'format' = 'json');\n"
                + "-- one job for the statement set\n"
                + "INSERT INTO counts SELECT k, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks,"
                + " DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY k, window_start, window_end;";
        for (String[] click : new String[][] {
            {"a", "10:00:01"},
            {"b", "10:00:02"},
            {"a", "10:00:30"},
            {"b", "10:00:59"},
            {"a", "10:00:59"},
            {"a", "10:01:10"},
            {"z", "10:05:00"}
        }) {
            streams.put(clicks, click[0], "{\"k\":\"" + click[0] + "\",\"ts\":\"2026-12-03 " + click[1] + "\"}");
        }

        long start = System.nanoTime();
        JobId job = engine.submit(sqlSpec("click-counter", sql, true, Optional.empty()));
        await().atMost(WAIT).until(() -> engine.status(job).state() == JobStatus.State.RUNNING);
        System.out.printf(
                "MiniCluster start %d ms; this submit to RUNNING %d ms%n",
                engine.clusterStartTime().orElseThrow().toMillis(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

        await().atMost(WAIT).until(() -> streams.data(counts).size() >= 3);
        assertThat(streams.data(counts))
                .containsExactlyInAnyOrder(
                        "{\"k\":\"a\",\"window_start\":\"2026-12-03 10:00:00\",\"cnt\":3}",
                        "{\"k\":\"b\",\"window_start\":\"2026-12-03 10:00:00\",\"cnt\":2}",
                        "{\"k\":\"a\",\"window_start\":\"2026-12-03 10:01:00\",\"cnt\":1}");
        CatalogStream out = streams.stream(counts);
        for (ConsumerRecord<byte[], byte[]> record : streams.records(counts)) {
            RecordEnvelope envelope = RecordEnvelope.from(record);
            assertThat(envelope.partitionKey()).isIn("a", "b");
            assertThat(out.shardOf(record.partition()).orElseThrow().hashKeyRange())
                    .matches(range -> range.contains(HashKeyRange.hashOf(envelope.partitionKey())));
        }
        assertThat(engine.dashboard(job))
                .hasValueSatisfying(uri -> assertThat(uri.toString()).contains("/#/job/running/" + job.value()));

        await().atMost(WAIT)
                .until(() -> engine.latestCheckpoint(checkpointDirectory("click-counter"))
                        .isPresent());
        engine.cancel(job).get(30, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> engine.status(job).state() == JobStatus.State.CANCELED);
        assertThat(engine.latestCheckpoint(checkpointDirectory("click-counter")))
                .hasValueSatisfying(location -> assertThat(location).matches(".*/chk-\\d+/?"));
    }

    private static String checkpointDirectory(String name) {
        return work.resolve("checkpoints").resolve(name).toUri().toString();
    }

    @Test
    void sqlThatDoesNotParseIsACodeValidationExceptionWithFlinksMessage() {
        JobSpec spec = sqlSpec(
                "broken",
                "CREATE TABLE x (a INT) WITH ('connector' = 'blackhole');\n" + "INSERT INTO x SELEC 1;",
                false,
                Optional.empty());

        assertThatThrownBy(() -> engine.validate(spec))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.CODE_VALIDATION))
                .hasMessageStartingWith("SQL parse failed.");
    }

    @Test
    void anUnknownStreamInAConnectorIsResourceNotFound() {
        JobSpec spec = sqlSpec(
                "unknown-stream",
                source("s", TestStreams.arn("nope"), "k STRING", "")
                        + "CREATE TABLE x (k STRING) WITH ('connector' = 'blackhole');\nINSERT INTO x SELECT k FROM s;",
                false,
                Optional.empty());

        assertThatThrownBy(() -> engine.validate(spec))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.RESOURCE_NOT_FOUND))
                .hasMessageContaining("nope");
    }

    @Test
    void aParallelismBeyondTheEnginesMaximumIsInvalidApplicationConfiguration() {
        JobSpec one = sqlSpec("too-wide", "INSERT INTO x SELECT 1", false, Optional.empty());
        JobSpec spec = new JobSpec(
                one.applicationName(),
                one.accountId(),
                one.region(),
                one.code(),
                Map.of(),
                5,
                one.checkpointing(),
                one.checkpointDirectory(),
                Optional.empty(),
                false);

        assertThatThrownBy(() -> engine.validate(spec))
                .isInstanceOfSatisfying(
                        AwsException.class,
                        e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.INVALID_APPLICATION_CONFIGURATION))
                .hasMessageContaining("maximum of 4");
    }

    @Test
    void stopWithSnapshotThenRestoreKeepsARunningCount() throws Exception {
        String events = streams.create("events", 1);
        String running = streams.create("running-counts", 1);
        String sql = source("events", events, "k STRING, pt AS PROCTIME()", "")
                + "CREATE TABLE running_counts (k STRING, cnt BIGINT) WITH ('connector' = 'kinesis', 'stream.arn' = '"
                + running + "', 'format' = 'json');\n"
                + "INSERT INTO running_counts SELECT k, COUNT(*) OVER (PARTITION BY k ORDER BY pt"
                + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM events;";
        for (int i = 0; i < 3; i++) {
            streams.put(events, "a", "{\"k\":\"a\"}");
        }
        JobId first = engine.submit(sqlSpec("running-count", sql, false, Optional.empty()));
        await().atMost(WAIT).until(() -> streams.data(running).size() == 3);

        String snapshot = engine.stopWithSnapshot(first).get(60, TimeUnit.SECONDS);
        assertThat(engine.status(first).state()).isIn(JobStatus.State.FINISHED, JobStatus.State.CANCELED);
        streams.put(events, "a", "{\"k\":\"a\"}");
        streams.put(events, "a", "{\"k\":\"a\"}");
        JobId second = engine.submit(sqlSpec("running-count", sql, false, Optional.of(snapshot)));

        await().atMost(WAIT).until(() -> streams.data(running).size() == 5);
        assertThat(streams.data(running))
                .containsExactly(
                        "{\"k\":\"a\",\"cnt\":1}",
                        "{\"k\":\"a\",\"cnt\":2}",
                        "{\"k\":\"a\",\"cnt\":3}",
                        "{\"k\":\"a\",\"cnt\":4}",
                        "{\"k\":\"a\",\"cnt\":5}");
        engine.cancel(second).get(30, TimeUnit.SECONDS);

        // The snapshot holds the count's state: a job without that operator restores it only if told to drop it.
        String other = source("events", events, "k STRING", "")
                + "CREATE TABLE sink (k STRING) WITH ('connector' = 'blackhole');\n"
                + "INSERT INTO sink SELECT k FROM events;";
        assertThatThrownBy(() -> engine.submit(sqlSpec("running-count", other, false, Optional.of(snapshot))))
                .isInstanceOfSatisfying(
                        AwsException.class,
                        e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.INVALID_APPLICATION_CONFIGURATION))
                .hasMessageContaining("cannot be restored");
        JobSpec dropping = sqlSpec("running-count", other, false, Optional.of(snapshot));
        JobId third = engine.submit(new JobSpec(
                dropping.applicationName(),
                dropping.accountId(),
                dropping.region(),
                dropping.code(),
                Map.of(),
                1,
                dropping.checkpointing(),
                dropping.checkpointDirectory(),
                dropping.restoreFrom(),
                true));
        await().atMost(WAIT).until(() -> engine.status(third).state() == JobStatus.State.RUNNING);
        engine.cancel(third).get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> engine.submit(sqlSpec("running-count", sql, false, Optional.of(snapshot + "-gone"))))
                .isInstanceOfSatisfying(
                        AwsException.class,
                        e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.INVALID_APPLICATION_CONFIGURATION));
    }

    @Test
    void aJobThatFailsIsRestartingAndThenFailedWithItsMessage() throws Exception {
        String broken = streams.create("broken-input", 1);
        streams.put(broken, "x", "this is not json");
        String sql = source("input", broken, "k STRING", "")
                + "CREATE TABLE sink (k STRING) WITH ('connector' = 'blackhole');\n"
                + "INSERT INTO sink SELECT k FROM input;";
        JobId job = engine.submit(sqlSpec("failing", sql, false, Optional.empty()));

        Set<JobStatus.State> seen = new HashSet<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            JobStatus status = engine.status(job);
            seen.add(status.state());
            return status.state() == JobStatus.State.FAILED;
        });
        JobStatus failed = engine.status(job);
        assertThat(seen).contains(JobStatus.State.RESTARTING);
        assertThat(failed.restarts()).isEqualTo(1);
        assertThat(failed.failure())
                .hasValueSatisfying(
                        message -> assertThat(message).containsAnyOf("this is not json", "Unrecognized token"));
    }

    @Test
    void aJarApplicationRunsItsMainAndReadsItsPropertyGroups() throws Exception {
        Path jar = jobJar("PropertiesJob", """
                import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.util.Map;
                import java.util.Properties;
                import java.util.TreeMap;
                import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
                import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

                public class PropertiesJob {
                    public static void main(String[] args) throws Exception {
                        Map<String, Properties> groups = KinesisAnalyticsRuntime.getApplicationProperties();
                        Files.writeString(Path.of(groups.get("Output").getProperty("file")),
                                new TreeMap<>(groups.get("Greeting")).toString());
                        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                        env.fromData(1, 2, 3).sinkTo(new DiscardingSink<>());
                        env.execute();
                    }
                }
                """);
        Path written = work.resolve("properties-seen.txt");
        JobSpec spec = new JobSpec(
                "jar-app",
                TestStreams.ACCOUNT,
                TestStreams.REGION,
                new JobSpec.Jar(jar),
                Map.of(
                        "Greeting",
                        Map.of("text", "hello", "to", "flink"),
                        "Output",
                        Map.of("file", written.toString())),
                1,
                new JobSpec.Checkpointing(false, Duration.ofSeconds(60), Duration.ofSeconds(5)),
                checkpointDirectory("jar-app"),
                Optional.empty(),
                false);

        engine.validate(spec);
        JobId job = engine.submit(spec);

        assertThat(Files.readString(written)).isEqualTo("{text=hello, to=flink}");
        await().atMost(WAIT).until(() -> engine.status(job).state() == JobStatus.State.FINISHED);
    }

    @Test
    void aJarApplicationUsesTheKinesisConnectorThroughTheTableApi() throws Exception {
        String input = streams.create("jar-input", 1);
        String output = streams.create("jar-output", 1);
        streams.put(input, "k", "{\"word\":\"hello\"}");
        Path jar = jobJar("TableJob", """
                import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
                import java.util.Properties;
                import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
                import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

                public class TableJob {
                    public static void main(String[] args) throws Exception {
                        Properties streams = KinesisAnalyticsRuntime.getApplicationProperties().get("Streams");
                        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
                        tables.executeSql("CREATE TABLE words (word STRING) WITH ('connector' = 'kinesis',"
                                + " 'stream.arn' = '" + streams.getProperty("input") + "',"
                                + " 'source.init.position' = 'TRIM_HORIZON', 'format' = 'json')");
                        tables.executeSql("CREATE TABLE shouted (word STRING) WITH ('connector' = 'kinesis',"
                                + " 'stream.arn' = '" + streams.getProperty("output") + "', 'format' = 'json')");
                        tables.executeSql("INSERT INTO shouted SELECT UPPER(word) FROM words");
                    }
                }
                """);
        JobSpec spec = new JobSpec(
                "table-jar",
                TestStreams.ACCOUNT,
                TestStreams.REGION,
                new JobSpec.Jar(jar),
                Map.of("Streams", Map.of("input", input, "output", output)),
                1,
                new JobSpec.Checkpointing(false, Duration.ofSeconds(60), Duration.ofSeconds(5)),
                checkpointDirectory("table-jar"),
                Optional.empty(),
                false);

        JobId job = engine.submit(spec);

        await().atMost(WAIT).until(() -> streams.data(output).size() == 1);
        assertThat(streams.data(output)).containsExactly("{\"word\":\"HELLO\"}");
        engine.cancel(job).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aJarWithoutARunnableMainClassIsACodeValidationException() throws Exception {
        Path jar = jobJar("NoMain", "public class NoMain { public static void run() {} }");
        JobSpec spec = new JobSpec(
                "no-main",
                TestStreams.ACCOUNT,
                TestStreams.REGION,
                new JobSpec.Jar(jar),
                Map.of(),
                1,
                new JobSpec.Checkpointing(false, Duration.ofSeconds(60), Duration.ofSeconds(5)),
                checkpointDirectory("no-main"),
                Optional.empty(),
                false);

        assertThatThrownBy(() -> engine.validate(spec))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.CODE_VALIDATION))
                .hasMessageContaining("main");
    }

    /**
     * A job JAR as users build it: the class compiled here, {@code Main-Class} in the manifest, and AWS's runtime
     * library bundled (with its own {@code config.properties}, which names {@code /etc/flink}).
     */
    private static Path jobJar(String className, String source) throws IOException {
        Path sources = Files.createDirectories(work.resolve("src-" + className));
        Path classes = Files.createDirectories(work.resolve("classes-" + className));
        Path file = sources.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int result = javac.run(
                null,
                null,
                null,
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString(),
                file.toString());
        assertThat(result).isZero();
        Path jar = work.resolve(className + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, className);
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry(className + ".class"));
            jarOut.write(Files.readAllBytes(classes.resolve(className + ".class")));
            jarOut.closeEntry();
            bundleRuntimeLibrary(jarOut);
        }
        return jar;
    }

    private static void bundleRuntimeLibrary(JarOutputStream jarOut) throws IOException {
        String library = List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).stream()
                .filter(path -> path.contains("aws-kinesisanalytics-runtime"))
                .findFirst()
                .orElseThrow();
        try (JarFile runtime = new JarFile(library)) {
            List<JarEntry> entries = new ArrayList<>(runtime.stream().toList());
            for (JarEntry entry : entries) {
                if (entry.isDirectory() || entry.getName().startsWith("META-INF/")) {
                    continue;
                }
                jarOut.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream in = runtime.getInputStream(entry)) {
                    in.transferTo(jarOut);
                }
                jarOut.closeEntry();
            }
        }
    }
}
