package dev.shardline.streams.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.streams.StreamsIntegrationTest;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.*;

/**
 * Retention, largest record and enhanced monitoring of a live stream, through the SDK in both encodings: each change
 * takes the stream through UPDATING back to ACTIVE, and retention reaches the stream's Kafka topic.
 */
class KinesisStreamSettingsTest extends StreamsIntegrationTest {

    private static final int MIB = 1024 * 1024;

    @Autowired
    Admin admin;

    @Autowired
    StreamService streams;

    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void retentionChangesReachTheStreamAndItsTopic(boolean cbor) throws Exception {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 2);
        assertThat(topicRetentionMs(name)).isEqualTo(Duration.ofHours(24).toMillis());

        kinesis.increaseStreamRetentionPeriod(r -> r.streamName(name).retentionPeriodHours(72));

        assertThat(status(kinesis, name)).isIn(StreamStatus.UPDATING, StreamStatus.ACTIVE);
        awaitActive(kinesis, name);
        assertThat(kinesis.describeStream(r -> r.streamName(name))
                        .streamDescription()
                        .retentionPeriodHours())
                .isEqualTo(72);
        assertThat(topicRetentionMs(name)).isEqualTo(Duration.ofHours(72).toMillis());

        kinesis.decreaseStreamRetentionPeriod(r -> r.streamARN(arn(name)).retentionPeriodHours(48));

        awaitActive(kinesis, name);
        assertThat(kinesis.describeStreamSummary(r -> r.streamName(name))
                        .streamDescriptionSummary()
                        .retentionPeriodHours())
                .isEqualTo(48);
        assertThat(topicRetentionMs(name)).isEqualTo(Duration.ofHours(48).toMillis());

        kinesis.increaseStreamRetentionPeriod(r -> r.streamName(name).retentionPeriodHours(8760));

        awaitActive(kinesis, name);
        assertThat(topicRetentionMs(name)).isEqualTo(Duration.ofHours(8760).toMillis());
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void retentionChangesThatAwsRefusesGetItsErrors(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        kinesis.increaseStreamRetentionPeriod(r -> r.streamName(name).retentionPeriodHours(72));
        awaitActive(kinesis, name);

        assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(
                        r -> r.streamName(name).retentionPeriodHours(48)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Requested retention period (48 hours) for stream " + name
                        + " can not be shorter than existing retention period (72 hours). Use DecreaseRetentionPeriod "
                        + "API.");
        assertThatThrownBy(() -> kinesis.decreaseStreamRetentionPeriod(
                        r -> r.streamName(name).retentionPeriodHours(96)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Requested retention period (96 hours) for stream " + name
                        + " can not be longer than existing retention period (72 hours). Use IncreaseRetentionPeriod "
                        + "API.");
        assertThatThrownBy(() -> kinesis.decreaseStreamRetentionPeriod(
                        r -> r.streamName(name).retentionPeriodHours(23)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Minimum allowed retention period is 24 hours. Requested retention period "
                        + "(23 hours) is too short.");
        assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(
                        r -> r.streamName(name).retentionPeriodHours(8761)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Maximum allowed retention period is 8760 hours. Requested retention period "
                        + "(8761 hours) is too long.");
        assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(r -> r.streamName(name)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("1 validation error detected: Value null at 'retentionPeriodHours' failed "
                                        + "to satisfy constraint: Member must not be null"));
        assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(
                        r -> r.streamName("no-such-stream").retentionPeriodHours(48)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Stream no-such-stream under account 000000000000 not found.");
        assertThat(kinesis.describeStream(r -> r.streamName(name))
                        .streamDescription()
                        .retentionPeriodHours())
                .isEqualTo(72);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void settingsOfAStreamThatIsNotActiveCannotChange(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        // A stream caught in CREATING, without racing the lifecycle's timer.
        jdbc.update("update streams.stream set status = 'CREATING' where name = ?", name);
        String notActive = "Stream " + name + " under account 000000000000 not ACTIVE, instead in state CREATING";

        assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(
                        r -> r.streamName(name).retentionPeriodHours(48)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith(notActive);
        assertThatThrownBy(() ->
                        kinesis.updateMaxRecordSize(r -> r.streamARN(arn(name)).maxRecordSizeInKiB(2048)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith(notActive);
        assertThatThrownBy(() ->
                        kinesis.enableEnhancedMonitoring(r -> r.streamName(name).shardLevelMetrics(MetricsName.ALL)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith(notActive);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void aLargerMaxRecordSizeLetsTenMiBRecordsInAndOut(boolean cbor) throws Exception {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        assertThat(summary(kinesis, name).maxRecordSizeInKiB()).isEqualTo(1024);
        assertThatThrownBy(() -> kinesis.putRecord(
                        r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromByteArray(new byte[MIB]))))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("1 validation error detected: Value at 'data' failed to satisfy "
                                        + "constraint: Member must have length less than or equal to 1048576"));

        kinesis.updateMaxRecordSize(r -> r.streamARN(arn(name)).maxRecordSizeInKiB(10240));

        awaitActive(kinesis, name);
        assertThat(summary(kinesis, name).maxRecordSizeInKiB()).isEqualTo(10240);
        byte[] largest = randomBytes(10 * MIB - 1); // plus the one-byte partition key: exactly 10 MiB
        byte[] next = randomBytes(6 * MIB);
        String first = kinesis.putRecord(
                        r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromByteArray(largest)))
                .sequenceNumber();
        PutRecordsResponse batch = kinesis.putRecords(r -> r.streamName(name)
                .records(PutRecordsRequestEntry.builder()
                        .partitionKey("k")
                        .data(SdkBytes.fromByteArray(next))
                        .build()));
        assertThat(batch.failedRecordCount()).isZero();
        assertThatThrownBy(() -> kinesis.putRecord(
                        r -> r.streamName(name).partitionKey("kk").data(SdkBytes.fromByteArray(largest))))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .endsWith("Member must have length less than or equal to 10485760"));

        String iterator = kinesis.getShardIterator(r -> r.streamName(name)
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        // 16 MiB in the shard, 10 MiB per GetRecords: one record per call, each whole.
        GetRecordsResponse firstPage = kinesis.getRecords(r -> r.shardIterator(iterator));
        assertThat(firstPage.records()).hasSize(1);
        assertThat(firstPage.records().get(0).sequenceNumber()).isEqualTo(first);
        assertThat(sha256(firstPage.records().get(0).data().asByteArray())).isEqualTo(sha256(largest));
        GetRecordsResponse secondPage = kinesis.getRecords(r -> r.shardIterator(firstPage.nextShardIterator()));
        assertThat(secondPage.records()).hasSize(1);
        assertThat(sha256(secondPage.records().get(0).data().asByteArray())).isEqualTo(sha256(next));
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void maxRecordSizeCanGoBackDownAndIsValidated(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        kinesis.updateMaxRecordSize(r -> r.streamARN(arn(name)).maxRecordSizeInKiB(2048));
        awaitActive(kinesis, name);
        PutRecordsRequestEntry twoMiB = PutRecordsRequestEntry.builder()
                .partitionKey("k")
                .data(SdkBytes.fromByteArray(new byte[2 * MIB - 1]))
                .build();
        assertThat(kinesis.putRecords(r -> r.streamName(name).records(twoMiB)).failedRecordCount())
                .isZero();

        kinesis.updateMaxRecordSize(r -> r.streamARN(arn(name)).maxRecordSizeInKiB(1024));

        awaitActive(kinesis, name);
        assertThatThrownBy(() -> kinesis.putRecords(r -> r.streamName(name).records(twoMiB)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("1 validation error detected: Value at 'records.1.member.data' failed to "
                                        + "satisfy constraint: Member must have length less than or equal to "
                                        + "1048576"));
        assertThatThrownBy(() ->
                        kinesis.updateMaxRecordSize(r -> r.streamARN(arn(name)).maxRecordSizeInKiB(1023)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed "
                                        + "to satisfy constraint: Member must have value greater than or equal to "
                                        + "1024"));
        assertThatThrownBy(() ->
                        kinesis.updateMaxRecordSize(r -> r.streamARN(arn(name)).maxRecordSizeInKiB(10241)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains("Member must have value less than or equal to 10240"));
        assertThatThrownBy(() -> kinesis.updateMaxRecordSize(r -> r.maxRecordSizeInKiB(2048)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> kinesis.updateMaxRecordSize(
                        r -> r.streamARN(arn("no-such-stream")).maxRecordSizeInKiB(2048)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void enhancedMonitoringIsEnabledDisabledAndDescribed(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        assertThat(kinesis.describeStream(r -> r.streamName(name))
                        .streamDescription()
                        .enhancedMonitoring())
                .singleElement()
                .satisfies(m -> assertThat(m.shardLevelMetrics()).isEmpty());

        EnableEnhancedMonitoringResponse enabled = kinesis.enableEnhancedMonitoring(
                r -> r.streamName(name).shardLevelMetrics(MetricsName.OUTGOING_BYTES, MetricsName.INCOMING_BYTES));

        assertThat(enabled.streamName()).isEqualTo(name);
        assertThat(enabled.streamARN()).isEqualTo(arn(name));
        assertThat(enabled.currentShardLevelMetrics()).isEmpty();
        assertThat(enabled.desiredShardLevelMetrics())
                .containsExactlyInAnyOrder(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_BYTES);
        awaitActive(kinesis, name);
        assertThat(kinesis.describeStream(r -> r.streamName(name))
                        .streamDescription()
                        .enhancedMonitoring()
                        .get(0)
                        .shardLevelMetrics())
                .containsExactlyInAnyOrder(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_BYTES);

        EnableEnhancedMonitoringResponse all =
                kinesis.enableEnhancedMonitoring(r -> r.streamARN(arn(name)).shardLevelMetrics(MetricsName.ALL));

        assertThat(all.currentShardLevelMetrics())
                .containsExactlyInAnyOrder(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_BYTES);
        // AWS answers ALL with the seven metrics it stands for.
        assertThat(all.desiredShardLevelMetrics())
                .hasSize(7)
                .doesNotContain(MetricsName.ALL, MetricsName.UNKNOWN_TO_SDK_VERSION);
        awaitActive(kinesis, name);

        DisableEnhancedMonitoringResponse disabled = kinesis.disableEnhancedMonitoring(
                r -> r.streamName(name).shardLevelMetrics(MetricsName.INCOMING_BYTES));

        assertThat(disabled.streamName()).isEqualTo(name);
        assertThat(disabled.currentShardLevelMetrics()).hasSize(7);
        assertThat(disabled.desiredShardLevelMetrics()).hasSize(6).doesNotContain(MetricsName.INCOMING_BYTES);
        awaitActive(kinesis, name);
        assertThat(summary(kinesis, name).enhancedMonitoring().get(0).shardLevelMetrics())
                .hasSize(6)
                .doesNotContain(MetricsName.INCOMING_BYTES);

        DisableEnhancedMonitoringResponse none =
                kinesis.disableEnhancedMonitoring(r -> r.streamName(name).shardLevelMetrics(MetricsName.ALL));

        assertThat(none.desiredShardLevelMetrics()).isEmpty();
        awaitActive(kinesis, name);
        assertThat(summary(kinesis, name).enhancedMonitoring())
                .singleElement()
                .satisfies(m -> assertThat(m.shardLevelMetrics()).isEmpty());
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void enhancedMonitoringRequestsAreValidatedAsAwsValidatesThem(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);

        assertThatThrownBy(() -> kinesis.enableEnhancedMonitoring(
                        r -> r.streamName(name).shardLevelMetricsWithStrings("IncomingBytes", "Latency")))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("1 validation error detected: Value '[IncomingBytes, Latency]' at "
                                        + "'shardLevelMetrics' failed to satisfy constraint: Member must satisfy "
                                        + "constraint: [Member must satisfy enum value set: [IncomingBytes, "
                                        + "IncomingRecords, OutgoingBytes, OutgoingRecords, "
                                        + "WriteProvisionedThroughputExceeded, ReadProvisionedThroughputExceeded, "
                                        + "IteratorAgeMilliseconds, ALL]]"));
        assertThatThrownBy(() -> kinesis.disableEnhancedMonitoring(
                        r -> r.streamName(name).shardLevelMetrics(List.of())))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains("at 'shardLevelMetrics' failed to satisfy constraint: Member must have "
                                        + "length greater than or equal to 1"));
        assertThatThrownBy(() -> kinesis.enableEnhancedMonitoring(r -> r.streamName(name)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("1 validation error detected: Value null at 'shardLevelMetrics' failed to "
                                        + "satisfy constraint: Member must not be null"));
        assertThatThrownBy(() -> kinesis.enableEnhancedMonitoring(
                        r -> r.streamName("no-such-stream").shardLevelMetrics(MetricsName.ALL)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(status(kinesis, name)).isEqualTo(StreamStatus.ACTIVE);
    }

    private static String arn(String name) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
    }

    private static StreamStatus status(KinesisClient kinesis, String name) {
        return summary(kinesis, name).streamStatus();
    }

    private static StreamDescriptionSummary summary(KinesisClient kinesis, String name) {
        return kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary();
    }

    private long topicRetentionMs(String name) throws Exception {
        String topic = streams.describe(new StreamRef("000000000000", "us-east-1", name))
                .topic();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS);
        return Long.parseLong(configs.get(resource).get("retention.ms").value());
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
