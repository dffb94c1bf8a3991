package dev.shardline.firehose.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.S3BackupMode;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Dynamic partitioning end to end through the SDK: MetadataExtraction (jq) gives each JSON record its partition key,
 * the Prefix's {@code !{partitionKeyFromQuery:...}} cuts one object per key, records that are not JSON go to the error
 * output, the source records go to the backup bucket, and every step shows in Firehose's metrics.
 */
class FirehoseDynamicPartitioningTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    @Autowired
    MeterRegistry meters;

    @Test
    void eachCustomersRecordsLandUnderItsOwnPrefixAndNonJsonRecordsUnderTheErrorPrefix() {
        FirehoseClient firehose = firehose();
        String bucket = newBucket();
        String backupBucket = newBucket();
        String name = uniqueName("partitioned");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .prefix("customer=!{partitionKeyFromQuery:customer}/")
                        .errorOutputPrefix("errors/!{firehose:error-output-type}/")
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1))
                        .dynamicPartitioningConfiguration(p -> p.enabled(true))
                        .s3BackupMode(S3BackupMode.ENABLED)
                        .s3BackupConfiguration(b -> b.roleARN(ROLE).bucketARN("arn:aws:s3:::" + backupBucket))
                        .processingConfiguration(p -> p.enabled(true)
                                .processors(
                                        x -> x.type(ProcessorType.METADATA_EXTRACTION)
                                                .parameters(
                                                        q -> q.parameterName(
                                                                        ProcessorParameterName
                                                                                .METADATA_EXTRACTION_QUERY)
                                                                .parameterValue("{customer:.customer}"),
                                                        q -> q.parameterName(ProcessorParameterName.JSON_PARSING_ENGINE)
                                                                .parameterValue("JQ-1.6")),
                                        x -> x.type(ProcessorType.APPEND_DELIMITER_TO_RECORD)
                                                .parameters(q -> q.parameterName(ProcessorParameterName.DELIMITER)
                                                        .parameterValue("\\n"))))));
        awaitActive(firehose, name);

        List<String> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add("{\"customer\":\"c" + (i % 3) + "\",\"n\":" + i + "}");
        }
        records.add("not json");
        firehose.putRecordBatch(r -> r.deliveryStreamName(name)
                .records(records.stream()
                        .map(d -> Record.builder()
                                .data(SdkBytes.fromUtf8String(d))
                                .build())
                        .toList()));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> linesUnder(bucket, "customer=").size() == 30);
        Map<String, List<String>> byPrefix = new TreeMap<>();
        for (S3Object object : objects(bucket)) {
            String prefix = object.key().substring(0, object.key().indexOf('/'));
            if (prefix.startsWith("customer=")) {
                byPrefix.computeIfAbsent(prefix, p -> new ArrayList<>()).addAll(lines(bucket, object));
            }
        }
        assertThat(byPrefix).containsOnlyKeys("customer=c0", "customer=c1", "customer=c2");
        byPrefix.forEach((prefix, lines) ->
                assertThat(lines).hasSize(10).allMatch(l -> l.contains("\"customer\":\"" + prefix.substring(9))));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !linesUnder(bucket, "errors/").isEmpty());
        List<S3Object> errors = objects(bucket).stream()
                .filter(o -> o.key().startsWith("errors/processing-failed/"))
                .toList();
        assertThat(errors).hasSize(1);
        String error = String.join("\n", lines(bucket, errors.get(0)));
        assertThat(error)
                .contains("\"errorCode\":\"DynamicPartitioning.MetadataExtractionFailed\"")
                .contains("\"rawData\":\"bm90IGpzb24=\""); // base64 of "not json"

        await().atMost(Duration.ofSeconds(30)).until(() -> backupBytes(backupBucket) > 0);
        String backup = objects(backupBucket).stream()
                .map(o -> new String(read(backupBucket, o.key()), StandardCharsets.UTF_8))
                .collect(Collectors.joining());
        assertThat(backup).isEqualTo(String.join("", records)); // the source records, before processing

        assertThat(count("SucceedProcessing.Records", name)).isEqualTo(30);
        assertThat(summary("ExecuteProcessing.Success", name).mean()).isEqualTo(1.0);
        assertThat(count("BackupToS3.Records", name)).isEqualTo(31);
        assertThat(summary("BackupToS3.Success", name).mean()).isEqualTo(1.0);
    }

    private List<String> linesUnder(String bucket, String prefix) {
        return objects(bucket).stream()
                .filter(o -> o.key().startsWith(prefix))
                .flatMap(o -> lines(bucket, o).stream())
                .toList();
    }

    private List<String> lines(String bucket, S3Object object) {
        String text = new String(read(bucket, object.key()), StandardCharsets.UTF_8);
        return text.lines().filter(l -> !l.isEmpty()).toList();
    }

    private long backupBytes(String bucket) {
        return objects(bucket).stream().mapToLong(S3Object::size).sum();
    }

    private long count(String metric, String stream) {
        Counter counter =
                meters.find("firehose." + metric).tag("deliveryStream", stream).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private DistributionSummary summary(String metric, String stream) {
        return meters.get("firehose." + metric).tag("deliveryStream", stream).summary();
    }
}
