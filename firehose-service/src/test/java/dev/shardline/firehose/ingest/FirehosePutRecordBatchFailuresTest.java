package dev.shardline.firehose.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.deliverystream.DeliveryStreamService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * PutRecordBatch fails record by record, as AWS's does: a record that the buffer does not take gets an ErrorCode and
 * ErrorMessage and no RecordId, FailedPutCount counts it, and the batch's other records are acknowledged and delivered.
 * The failure is real: the delivery stream's buffer topic is given a max.message.bytes below one record's size, so the
 * broker refuses that record's batch (which holds it alone: the producer's batches are 1 MiB, the records 600 and 900
 * KiB) and takes the others.
 */
class FirehosePutRecordBatchFailuresTest extends FirehoseIntegrationTest {

    private static final int SMALL = 600 * 1024;
    private static final int LARGE = 900 * 1024;

    @Autowired
    DeliveryStreamService streams;

    @Autowired
    MeterRegistry meters;

    @Test
    void aRecordTheBufferRefusesFailsAloneAndTheOthersAreDelivered() throws Exception {
        FirehoseClient firehose = firehose();
        String bucket = newBucket();
        String name = activeStream(firehose, bucket, "", 1, 1, "UNCOMPRESSED");
        String topic = streams.describe(new DeliveryStreamRef("000000000000", "us-east-1", name))
                .topic();
        limitMessageSize(topic, 700 * 1024);

        PutRecordBatchResponse response = firehose.putRecordBatch(
                r -> r.deliveryStreamName(name).records(record('a', SMALL), record('b', LARGE), record('c', SMALL)));

        assertThat(response.failedPutCount()).isEqualTo(1);
        List<PutRecordBatchResponseEntry> entries = response.requestResponses();
        assertThat(entries).hasSize(3);
        assertThat(entries.get(1).recordId()).isNull();
        assertThat(entries.get(1).errorCode()).isEqualTo("InternalFailure");
        assertThat(entries.get(1).errorMessage()).isEqualTo("Internal service failure.");
        for (PutRecordBatchResponseEntry accepted : List.of(entries.get(0), entries.get(2))) {
            assertThat(accepted.recordId()).isNotBlank();
            assertThat(accepted.errorCode()).isNull();
            assertThat(accepted.errorMessage()).isNull();
        }
        assertThat(count("IncomingRecords", name)).isEqualTo(2);
        assertThat(count("IncomingBytes", name)).isEqualTo(2 * SMALL);

        // Records are undelimited: the objects hold the two accepted records' bytes, and nothing of the refused one.
        List<S3Object> delivered = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> objects(bucket),
                        o -> o.stream().mapToLong(S3Object::size).sum() >= 2L * SMALL);
        long[] counts = new long[3];
        for (S3Object object : delivered) {
            for (byte b : read(bucket, object.key())) {
                counts[b - 'a']++;
            }
        }
        assertThat(counts).containsExactly(SMALL, 0, SMALL);
    }

    private void limitMessageSize(String topic, int bytes) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers()))) {
            admin.incrementalAlterConfigs(Map.of(
                            resource,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry("max.message.bytes", String.valueOf(bytes)),
                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> admin.describeConfigs(List.of(resource))
                            .all()
                            .get()
                            .get(resource)
                            .get("max.message.bytes")
                            .value()
                            .equals(String.valueOf(bytes)));
        }
    }

    private static Record record(char fill, int size) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) fill);
        return Record.builder().data(SdkBytes.fromByteArray(data)).build();
    }

    private long count(String metric, String stream) {
        Counter counter =
                meters.find("firehose." + metric).tag("deliveryStream", stream).counter();
        return counter == null ? 0 : (long) counter.count();
    }
}
