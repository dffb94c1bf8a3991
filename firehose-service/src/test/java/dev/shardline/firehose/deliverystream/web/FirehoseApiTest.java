package dev.shardline.firehose.deliverystream.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.*;
import software.amazon.awssdk.services.firehose.model.Record;

/** Drives every Firehose action of this increment with the official AWS SDK v2 FirehoseClient. */
class FirehoseApiTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    private FirehoseClient firehose;

    @BeforeEach
    void client() {
        firehose = firehose(); // after the server's random port is injected
    }

    @Test
    void deliveryStreamGoesFromCreatingToActiveAndIsDescribedAsAwsDescribesIt() {
        String name = uniqueName("describe");
        CreateDeliveryStreamResponse created = firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                .extendedS3DestinationConfiguration(d ->
                        d.roleARN(ROLE).bucketARN("arn:aws:s3:::some-bucket").prefix("logs/")));
        assertThat(created.deliveryStreamARN())
                .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/" + name);
        DeliveryStreamStatus first = describe(name).deliveryStreamStatus();
        assertThat(first).isIn(DeliveryStreamStatus.CREATING, DeliveryStreamStatus.ACTIVE);
        awaitActive(firehose, name);

        DeliveryStreamDescription description = describe(name);
        assertThat(description.deliveryStreamName()).isEqualTo(name);
        assertThat(description.deliveryStreamARN()).isEqualTo(created.deliveryStreamARN());
        assertThat(description.deliveryStreamType()).isEqualTo(DeliveryStreamType.DIRECT_PUT);
        assertThat(description.versionId()).isEqualTo("1");
        assertThat(description.createTimestamp()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(description.hasMoreDestinations()).isFalse();
        assertThat(description.destinations()).hasSize(1);
        DestinationDescription destination = description.destinations().get(0);
        assertThat(destination.destinationId()).isEqualTo("destinationId-000000000001");
        ExtendedS3DestinationDescription s3 = destination.extendedS3DestinationDescription();
        assertThat(s3.bucketARN()).isEqualTo("arn:aws:s3:::some-bucket");
        assertThat(s3.roleARN()).isEqualTo(ROLE);
        assertThat(s3.prefix()).isEqualTo("logs/");
        // AWS's S3 defaults
        assertThat(s3.bufferingHints().sizeInMBs()).isEqualTo(5);
        assertThat(s3.bufferingHints().intervalInSeconds()).isEqualTo(300);
        assertThat(s3.compressionFormat()).isEqualTo(CompressionFormat.UNCOMPRESSED);
        assertThat(destination.s3DestinationDescription().bucketARN()).isEqualTo("arn:aws:s3:::some-bucket");
    }

    @Test
    void listsNamesInOrderAPageAtATime() {
        String prefix = uniqueName("list");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = prefix + "-" + i;
            names.add(name);
            create(name, d -> {});
        }
        ListDeliveryStreamsResponse all = firehose.listDeliveryStreams(r -> r.limit(10_000));
        assertThat(all.deliveryStreamNames()).containsAll(names);
        assertThat(all.deliveryStreamNames()).isSorted();

        ListDeliveryStreamsResponse page = firehose.listDeliveryStreams(
                r -> r.exclusiveStartDeliveryStreamName(names.get(0)).limit(1));
        assertThat(page.deliveryStreamNames()).containsExactly(names.get(1));
        assertThat(page.hasMoreDeliveryStreams()).isTrue();
        assertThat(firehose.listDeliveryStreams(r -> r.deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE))
                        .deliveryStreamNames())
                .isEmpty();
        assertThatThrownBy(() -> firehose.listDeliveryStreams(r -> r.limit(0)))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
    }

    @Test
    void deletedDeliveryStreamDisappearsAndItsNameIsFreeAgain() {
        String name = uniqueName("delete");
        create(name, d -> {});
        awaitActive(firehose, name);

        firehose.deleteDeliveryStream(r -> r.deliveryStreamName(name));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThatThrownBy(() -> describe(name))
                        .isInstanceOf(ResourceNotFoundException.class)
                        .hasMessageContaining("Firehose " + name + " under account 000000000000 not found."));
        assertThat(firehose.listDeliveryStreams(r -> r.limit(10_000)).deliveryStreamNames())
                .doesNotContain(name);
        create(name, d -> {});
        awaitActive(firehose, name);
    }

    @Test
    void aTakenNameIsResourceInUseAndAnUnknownOneIsNotFound() {
        String name = uniqueName("taken");
        create(name, d -> {});
        assertThatThrownBy(() -> create(name, d -> {}))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Firehose " + name + " under account 000000000000 already exists.");
        assertThatThrownBy(() -> firehose.deleteDeliveryStream(r -> r.deliveryStreamName("no-such-stream")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> firehose.putRecord(
                        r -> r.deliveryStreamName("no-such-stream").record(x -> x.data(SdkBytes.fromUtf8String("x")))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Firehose no-such-stream under account 000000000000 not found.");
    }

    @Test
    void createValidatesMembersWithAwsWording() {
        assertThatThrownBy(() -> create("bad name!", d -> {}))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value 'bad name!' at 'deliveryStreamName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertThatThrownBy(() -> create("a".repeat(65), d -> {}))
                .hasMessageContaining("Member must have length less than or equal to 64");
        assertThatThrownBy(() -> create(
                        uniqueName("hints"),
                        d -> d.bufferingHints(h -> h.sizeInMBs(0).intervalInSeconds(901))))
                .hasMessageContaining("2 validation errors detected: ")
                .hasMessageContaining("Value '0' at 'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs' "
                        + "failed to satisfy constraint: Member must have value greater than or equal to 1")
                .hasMessageContaining("Value '901' at 'extendedS3DestinationConfiguration.bufferingHints."
                        + "intervalInSeconds' failed to satisfy constraint: Member must have value less than or "
                        + "equal to 900");
        assertThatThrownBy(() -> create(uniqueName("bucket"), d -> d.bucketARN("my-bucket")))
                .hasMessageContaining("Value 'my-bucket' at 'extendedS3DestinationConfiguration.bucketARN' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern");
    }

    @Test
    void whatIsNotDeliveredYetIsAnInvalidArgument() {
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName(uniqueName("source"))
                        .deliveryStreamType("DatabaseAsSource")
                        .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("DeliveryStreamType DatabaseAsSource is not supported yet.");
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName(uniqueName("none"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Exactly one destination configuration must be supplied");
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName(uniqueName("splunk"))
                        .splunkDestinationConfiguration(s -> s.hecEndpoint("https://x")
                                .hecEndpointType("Raw")
                                .hecToken("t")
                                .s3Configuration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b")))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("SplunkDestinationConfiguration is not supported yet.");
    }

    @Test
    void putRecordAndPutRecordBatchAnswerWithRecordIds() {
        String name = activeStream(firehose, newBucket(), "", 1, 900, "UNCOMPRESSED");

        PutRecordResponse one = firehose.putRecord(
                r -> r.deliveryStreamName(name).record(x -> x.data(SdkBytes.fromUtf8String("one\n"))));
        assertThat(one.recordId()).isNotBlank();
        assertThat(one.encrypted()).isFalse();

        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            records.add(Record.builder()
                    .data(SdkBytes.fromUtf8String("r" + i + "\n"))
                    .build());
        }
        PutRecordBatchResponse batch =
                firehose.putRecordBatch(r -> r.deliveryStreamName(name).records(records));
        assertThat(batch.failedPutCount()).isZero();
        assertThat(batch.requestResponses()).hasSize(500);
        assertThat(batch.requestResponses())
                .allSatisfy(entry -> assertThat(entry.recordId()).isNotBlank());
        assertThat(batch.requestResponses().stream().map(PutRecordBatchResponseEntry::recordId))
                .doesNotHaveDuplicates()
                .doesNotContain(one.recordId());
    }

    @Test
    void recordLimitsAreAwsLimits() {
        String name = activeStream(firehose, newBucket(), "", 1, 900, "UNCOMPRESSED");
        byte[] tooLarge = new byte[1_024_001];
        assertThatThrownBy(() -> firehose.putRecord(
                        r -> r.deliveryStreamName(name).record(x -> x.data(SdkBytes.fromByteArray(tooLarge)))))
                .isInstanceOf(FirehoseException.class)
                // a blob is repeated as AWS's Java object prints it (as recorded for Kinesis)
                .hasMessageContaining("1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 "
                        + "cap=1024001]' at 'record.data' failed to satisfy constraint: Member must have length less "
                        + "than or equal to 1024000");
        Record small = Record.builder().data(SdkBytes.fromUtf8String("x")).build();
        assertThatThrownBy(() -> firehose.putRecordBatch(
                        r -> r.deliveryStreamName(name).records(Collections.nCopies(501, small))))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("at 'records' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 500");
        Record large = Record.builder()
                .data(SdkBytes.fromByteArray(new byte[1_000_000]))
                .build();
        assertThatThrownBy(() ->
                        firehose.putRecordBatch(r -> r.deliveryStreamName(name).records(Collections.nCopies(5, large))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("exceeds the PutRecordBatch limit of 4194304 bytes");
        PutRecordResponse largest = firehose.putRecord(
                r -> r.deliveryStreamName(name).record(x -> x.data(SdkBytes.fromByteArray(new byte[1_024_000]))));
        assertThat(largest.recordId()).isNotBlank();
    }

    /**
     * S3DestinationConfiguration has none of the extended members: sent along, they are ignored, as AWS ignores members
     * a shape does not know (and as the model check passes over them), not read as an extended destination's.
     */
    @Test
    void aPlainS3DestinationConfigurationIgnoresTheExtendedMembersItDoesNotHave() throws Exception {
        String name = uniqueName("plain");
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                                .header("Content-Type", "application/x-amz-json-1.1")
                                .header("X-Amz-Target", "Firehose_20150804.CreateDeliveryStream")
                                .header(
                                        "Authorization",
                                        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/firehose/"
                                                + "aws4_request, SignedHeaders=host, Signature=0")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"DeliveryStreamName\":\"" + name
                                        + "\",\"S3DestinationConfiguration\":{\"RoleARN\":\"" + ROLE
                                        + "\",\"BucketARN\":\"arn:aws:s3:::some-bucket\","
                                        + "\"S3BackupMode\":\"Sometimes\",\"FileExtension\":\"no extension\","
                                        + "\"CustomTimeZone\":\"Mars/Olympus\"}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        ExtendedS3DestinationDescription s3 =
                describe(name).destinations().get(0).extendedS3DestinationDescription();
        assertThat(s3.s3BackupModeAsString()).isEqualTo("Disabled");
        assertThat(s3.fileExtension()).isNull();
        assertThat(s3.customTimeZone()).isNull();
    }

    private DeliveryStreamDescription describe(String name) {
        return firehose.describeDeliveryStream(r -> r.deliveryStreamName(name)).deliveryStreamDescription();
    }

    private void create(String name, Consumer<ExtendedS3DestinationConfiguration.Builder> customize) {
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name).extendedS3DestinationConfiguration(d -> {
            d.roleARN(ROLE).bucketARN("arn:aws:s3:::some-bucket");
            customize.accept(d);
        }));
    }
}
