package dev.shardline.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.analytics.connector.ShardlineStreams;
import dev.shardline.analytics.connector.ShardlineTestAccess;
import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What travels with a job to a remote cluster: the streams its planning looked up, read back there by the resolver. */
class ShippedStreamsTest {

    private static final String ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/split";
    private static final String OTHER = "arn:aws:kinesis:us-east-1:123456789012:stream/other";

    @TempDir
    Path work;

    private final HashKeyRange[] halves =
            HashKeyRange.divide(1).get(0).splitAt(HashKeyRange.MAX_HASH_KEY.shiftRight(1));
    private final CatalogStream split = new CatalogStream(
            ARN,
            "shardline.stream.abc",
            "ACTIVE",
            List.of(
                    new CatalogShard("shardId-000000000000", 0, Instant.ofEpochSecond(1_700_000_000), List.of(), 42L),
                    new CatalogShard(
                            "shardId-000000000001",
                            1,
                            Instant.ofEpochSecond(1_700_000_100),
                            List.of(0),
                            null,
                            halves[0],
                            true),
                    new CatalogShard(
                            "shardId-000000000002",
                            2,
                            Instant.ofEpochSecond(1_700_000_100),
                            List.of(0),
                            null,
                            halves[1],
                            true)));

    @Test
    void theStreamsAJobLookedUpWhilePlannedAreReadBackFromItsJarWithTheKafkaSettings() throws Exception {
        StreamCatalog catalog = arn -> ARN.equals(arn) ? Optional.of(split) : Optional.empty();
        Path jar;
        String id;
        try (ShippedStreams.Planning planning =
                new ShippedStreams.Planning(catalog, Map.of("bootstrap.servers", "kafka:9092"))) {
            id = planning.id();
            // The connector looks its streams up through the registered (recording) catalog while it is planned.
            assertThat(new ShippedStreams().resolve(id, getClass().getClassLoader()))
                    .isEmpty();
            lookUp(id, ARN);
            lookUp(id, OTHER);
            jar = planning.jar(work);
        }

        try (URLClassLoader job = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ShardlineStreams.Services shipped =
                    new ShippedStreams().resolve(id, job).orElseThrow();
            assertThat(shipped.kafka()).containsEntry("bootstrap.servers", "kafka:9092");
            assertThat(shipped.catalog().find(ARN)).contains(split);
            assertThat(shipped.catalog().find(OTHER)).isEmpty();
            assertThat(shipped.dataKeys()).isNull();
        }
    }

    @Test
    void anEncryptedStreamIsRefusedBeforeItReachesACluster() {
        CatalogStream encrypted =
                new CatalogStream(split.arn(), split.topic(), split.status(), split.shards(), "alias/records");
        try (ShippedStreams.Planning planning = new ShippedStreams.Planning(arn -> Optional.of(encrypted), Map.of())) {
            lookUp(planning.id(), ARN);
            assertThatThrownBy(() -> planning.jar(work))
                    .isInstanceOfSatisfying(
                            AwsException.class,
                            e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.INVALID_APPLICATION_CONFIGURATION))
                    .hasMessageContaining("encrypted");
        }
    }

    @Test
    void theInnermostCauseOfARemoteFailureIsItsMessage() {
        String trace = "org.apache.flink.runtime.JobException: Recovery is suppressed\n\tat x.y(Z.java:1)\n"
                + "Caused by: java.io.IOException: Failed to deserialize JSON 'this is not json'.\n\tat a.b(C.java:2)\n"
                + "Caused by: org.apache.flink.shaded.jackson2.JsonParseException: Unrecognized token 'this'\n";
        assertThat(RemoteFlinkEngine.rootMessage(trace, "org.apache.flink.runtime.JobException"))
                .isEqualTo("Unrecognized token 'this'");
        assertThat(RemoteFlinkEngine.rootMessage("java.lang.NullPointerException\n\tat a.b(C.java:1)", "NPE"))
                .isEqualTo("java.lang.NullPointerException");
        assertThat(RemoteFlinkEngine.rootMessage(null, "java.lang.IllegalStateException"))
                .isEqualTo("java.lang.IllegalStateException");
    }

    /** As the connector does while a job is planned: through {@link ShardlineStreams} under the job's engine id. */
    private static void lookUp(String id, String arn) {
        ShardlineTestAccess.find(id, arn);
    }
}
