package dev.shardline.firehose.destination.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ConcurrentModificationException;
import software.amazon.awssdk.services.firehose.model.ContentEncoding;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationDescription;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationUpdate;
import software.amazon.awssdk.services.firehose.model.HttpEndpointS3BackupMode;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import tools.jackson.databind.JsonNode;

/** UpdateDestination of HTTP endpoint delivery streams through the AWS SDK, against real HTTP servers. */
class FirehoseHttpEndpointUpdateTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final String DESTINATION_ID = "destinationId-000000000001";

    private FirehoseClient firehose;
    private TestEndpoint oldEndpoint;
    private TestEndpoint newEndpoint;

    @BeforeEach
    void setUp() {
        firehose = firehose();
        oldEndpoint = new TestEndpoint();
        newEndpoint = new TestEndpoint();
    }

    @AfterEach
    void stopEndpoints() {
        oldEndpoint.close();
        newEndpoint.close();
    }

    @Test
    void recordsPutAfterAnUpdateGoToTheNewUrlWithTheNewAttributesAndNoneIsLostOrDoubled() {
        String bucket = newBucket();
        String name = create(bucket);
        put(name, List.of("before-1", "before-2"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> oldEndpoint.acknowledgedRecords().containsAll(List.of("before-1", "before-2")));
        DeliveryStreamDescription before = describe(name);

        put(name, List.of("in-flight")); // perhaps still in the old worker's batch: replayed to the new endpoint
        update(
                name,
                "1",
                u -> u.endpointConfiguration(e -> e.url(newEndpoint.url()))
                        .requestConfiguration(r ->
                                r.commonAttributes(a -> a.attributeName("team").attributeValue("new"))));
        put(name, List.of("after-1", "after-2"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> newEndpoint.acknowledgedRecords().containsAll(List.of("after-1", "after-2")));
        List<String> all = new ArrayList<>(oldEndpoint.acknowledgedRecords());
        all.addAll(newEndpoint.acknowledgedRecords());
        assertThat(all).containsExactlyInAnyOrder("before-1", "before-2", "in-flight", "after-1", "after-2");
        assertThat(oldEndpoint.records()).doesNotContain("after-1", "after-2");

        TestEndpoint.Received later =
                newEndpoint.received().get(newEndpoint.received().size() - 1);
        JsonNode attributes = TestEndpoint.JSON.readTree(later.header("X-Amz-Firehose-Common-Attributes"));
        assertThat(attributes.get("commonAttributes").get("team").stringValue()).isEqualTo("new");
        assertThat(attributes.get("commonAttributes").has("env")).isFalse(); // a list given replaces the list
        // An EndpointConfiguration without AccessKey keeps the stream's key.
        assertThat(later.header("X-Amz-Firehose-Access-Key")).isEqualTo("the-access-key");
        assertThat(later.header("Content-Encoding")).isEqualTo("gzip"); // not given: kept

        DeliveryStreamDescription after = describe(name);
        assertThat(after.versionId()).isEqualTo("2");
        assertThat(after.lastUpdateTimestamp()).isAfter(before.lastUpdateTimestamp());
        HttpEndpointDestinationDescription http = after.destinations().get(0).httpEndpointDestinationDescription();
        assertThat(http.endpointConfiguration().url()).isEqualTo(newEndpoint.url());
        assertThat(http.endpointConfiguration().name()).isEqualTo("collector");
        assertThat(http.requestConfiguration().contentEncoding()).isEqualTo(ContentEncoding.GZIP);
        assertThat(http.requestConfiguration().commonAttributes())
                .singleElement()
                .satisfies(a -> assertThat(a.attributeName()).isEqualTo("team"));
        assertThat(http.bufferingHints().sizeInMBs()).isEqualTo(1);
        assertThat(http.s3DestinationDescription().bucketARN()).isEqualTo("arn:aws:s3:::" + bucket);
        assertThat(http.s3DestinationDescription().errorOutputPrefix()).isEqualTo("errors/");
        assertThat(after.toString()).doesNotContain("the-access-key");
    }

    @Test
    void anUpdateMergesTheGivenMembersAndTheS3UpdateOverTheCurrentOnes() {
        String bucket = newBucket();
        String name = create(bucket);
        update(
                name,
                "1",
                u -> u.bufferingHints(b -> b.intervalInSeconds(60))
                        .retryOptions(r -> r.durationInSeconds(120))
                        .s3BackupMode(HttpEndpointS3BackupMode.ALL_DATA)
                        .s3Update(s -> s.prefix("backup/")));

        DeliveryStreamDescription after = describe(name);
        assertThat(after.versionId()).isEqualTo("2");
        HttpEndpointDestinationDescription http = after.destinations().get(0).httpEndpointDestinationDescription();
        assertThat(http.bufferingHints().intervalInSeconds()).isEqualTo(60);
        assertThat(http.bufferingHints().sizeInMBs()).isEqualTo(1); // a hint not given is kept
        assertThat(http.retryOptions().durationInSeconds()).isEqualTo(120);
        assertThat(http.s3BackupMode()).isEqualTo(HttpEndpointS3BackupMode.ALL_DATA);
        assertThat(http.s3DestinationDescription().prefix()).isEqualTo("backup/");
        assertThat(http.s3DestinationDescription().bucketARN()).isEqualTo("arn:aws:s3:::" + bucket);
        assertThat(http.endpointConfiguration().url()).isEqualTo(oldEndpoint.url());

        // As for Splunk's AllEvents, a backup of all data cannot be narrowed back.
        assertThatThrownBy(() -> update(name, "2", u -> u.s3BackupMode(HttpEndpointS3BackupMode.FAILED_DATA_ONLY)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Disabling S3 backup is not currently supported.");
        assertThat(describe(name).versionId()).isEqualTo("2");
    }

    @Test
    void aStaleVersionIsAConcurrentModification() {
        String name = create(newBucket());
        update(name, "1", u -> u.endpointConfiguration(e -> e.url(newEndpoint.url())));

        assertThatThrownBy(() -> update(name, "1", u -> u.endpointConfiguration(e -> e.url(oldEndpoint.url()))))
                .isInstanceOf(ConcurrentModificationException.class)
                .hasMessageContaining("Another modification has already happened. Fetch VersionId again");
        assertThat(describe(name)
                        .destinations()
                        .get(0)
                        .httpEndpointDestinationDescription()
                        .endpointConfiguration()
                        .url())
                .isEqualTo(newEndpoint.url());
    }

    @Test
    void anInvalidUpdateIsRefusedWithAwsWordingAndChangesNothing() {
        String name = create(newBucket());
        assertThatThrownBy(() -> update(name, "1", u -> u.endpointConfiguration(e -> e.url("ftp://example.com"))))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value at 'httpEndpointDestinationUpdate.endpointConfiguration"
                        + ".url' failed to satisfy constraint: Member must satisfy regular expression pattern");
        assertThatThrownBy(() -> update(name, "1", u -> u.endpointConfiguration(e -> e.name("no-url"))))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value null at 'httpEndpointDestinationUpdate.endpointConfiguration.url' failed "
                        + "to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> update(name, "1", u -> u.bufferingHints(b -> b.sizeInMBs(65))))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value '65' at 'httpEndpointDestinationUpdate.bufferingHints.sizeInMBs' failed "
                        + "to satisfy constraint: Member must have value less than or equal to 64");
        assertThatThrownBy(() -> update(name, "1", u -> u.s3Update(s -> s.bucketARN("not-an-arn"))))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value 'not-an-arn' at 'httpEndpointDestinationUpdate.s3Update.bucketARN' failed "
                        + "to satisfy constraint: Member must satisfy regular expression pattern");
        assertThatThrownBy(() -> update(
                        name,
                        "1",
                        u -> u.requestConfiguration(r -> r.commonAttributes(
                                a -> a.attributeName("x").attributeValue("1"),
                                a -> a.attributeName("x").attributeValue("2")))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Duplicate CommonAttributes names: [x].");
        assertThat(describe(name).versionId()).isEqualTo("1");
    }

    @Test
    void anotherDestinationTypeForAnHttpStreamStaysRefused() {
        String name = create(newBucket());
        assertThatThrownBy(() -> firehose.updateDestination(r -> r.deliveryStreamName(name)
                        .currentDeliveryStreamVersionId("1")
                        .destinationId(DESTINATION_ID)
                        .extendedS3DestinationUpdate(d -> d.prefix("x/"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("delivers to HttpEndpoint; changing its destination type to ExtendedS3 is not "
                        + "supported yet. Update the destination with HttpEndpointDestinationUpdate");
        assertThat(describe(name).versionId()).isEqualTo("1");
    }

    private String create(String bucket) {
        String name = uniqueName("http-update");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .httpEndpointDestinationConfiguration(h -> h.endpointConfiguration(
                                e -> e.url(oldEndpoint.url()).name("collector").accessKey("the-access-key"))
                        .roleARN(ROLE)
                        .bufferingHints(b -> b.sizeInMBs(1).intervalInSeconds(1))
                        .requestConfiguration(q -> q.contentEncoding(ContentEncoding.GZIP)
                                .commonAttributes(a -> a.attributeName("env").attributeValue("test")))
                        .s3Configuration(s -> s.roleARN(ROLE)
                                .bucketARN("arn:aws:s3:::" + bucket)
                                .errorOutputPrefix("errors/"))));
        awaitActive(firehose, name);
        return name;
    }

    private void update(String name, String version, Consumer<HttpEndpointDestinationUpdate.Builder> update) {
        firehose.updateDestination(r -> r.deliveryStreamName(name)
                .currentDeliveryStreamVersionId(version)
                .destinationId(DESTINATION_ID)
                .httpEndpointDestinationUpdate(update));
    }

    private void put(String name, List<String> records) {
        PutRecordBatchResponse response = firehose.putRecordBatch(r -> r.deliveryStreamName(name)
                .records(records.stream()
                        .map(data -> Record.builder()
                                .data(SdkBytes.fromUtf8String(data))
                                .build())
                        .toList()));
        assertThat(response.failedPutCount()).isZero();
    }

    private DeliveryStreamDescription describe(String name) {
        return firehose.describeDeliveryStream(r -> r.deliveryStreamName(name)).deliveryStreamDescription();
    }
}
