package dev.shardline.firehose.processing;

import static dev.shardline.firehose.processing.Processors.chain;
import static dev.shardline.firehose.processing.Processors.processor;
import static dev.shardline.firehose.processing.Processors.records;
import static dev.shardline.firehose.processing.Processors.stream;
import static dev.shardline.firehose.processing.Processors.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shardline.firehose.delivery.Processing;
import dev.shardline.firehose.pipeline.BufferedRecord;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import dev.shardline.firehose.pipeline.TestBatches;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The processors that need no function, each on its own and in Firehose's order. */
class FirehoseProcessorsTest {

    @Test
    void appendDelimiterToRecordAddsANewlineByDefaultAndReadsEscapedDelimiters() {
        assertThat(delivered(List.of(processor("AppendDelimiterToRecord")), "a", "b"))
                .containsExactly("a\n", "b\n");
        assertThat(delivered(List.of(processor("AppendDelimiterToRecord", "Delimiter", "\\n")), "a"))
                .containsExactly("a\n");
        assertThat(delivered(List.of(processor("AppendDelimiterToRecord", "Delimiter", "\\r\\n")), "a"))
                .containsExactly("a\r\n");
        assertThat(delivered(List.of(processor("AppendDelimiterToRecord", "Delimiter", "||")), "a"))
                .containsExactly("a||");
    }

    @Test
    void recordDeAggregationSplitsConsecutiveJsonObjectsKeepingTheirBytes() {
        List<String> out = delivered(
                List.of(processor("RecordDeAggregation", "SubRecordType", "JSON")),
                "{\"a\":1}{\"a\": {\"b\":[2]}}\n{\"a\":3}",
                "{\"single\":true}");

        assertThat(out).containsExactly("{\"a\":1}", "{\"a\": {\"b\":[2]}}", "{\"a\":3}", "{\"single\":true}");
    }

    @Test
    void recordDeAggregationSplitsAtABase64Delimiter() {
        String hashes = Base64.getEncoder().encodeToString("####".getBytes(StandardCharsets.UTF_8));

        List<String> out = delivered(
                List.of(processor("RecordDeAggregation", "SubRecordType", "DELIMITED", "Delimiter", hashes)),
                "one####two####three");

        assertThat(out).containsExactly("one", "two", "three");
    }

    @Test
    void aRecordTheSourceReaderCouldNotReadSkipsTheProcessorsIntoTheProcessingFailedOutput() {
        BufferedRecord unreadable = BufferedRecord.unreadable(
                0,
                1,
                Processors.ARRIVAL,
                "sealed".getBytes(StandardCharsets.UTF_8),
                "IllegalStateException: no format");
        List<BufferedRecord> records = List.of(
                Processors.record(0, "a".getBytes(StandardCharsets.UTF_8)),
                unreadable,
                Processors.record(2, "b".getBytes(StandardCharsets.UTF_8)));

        ProcessedBatch processed =
                chain().process(stream(processor("AppendDelimiterToRecord")), TestBatches.of(0, 0, records));
        ProcessedBatch unprocessed = ProcessedBatch.unprocessed(records);

        assertThat(processed.delivered()).extracting(o -> utf8(o.data())).containsExactly("a\n", "b\n");
        assertThat(unprocessed.delivered()).extracting(o -> utf8(o.data())).containsExactly("a", "b");
        for (ProcessedBatch batch : List.of(processed, unprocessed)) {
            assertThat(batch.failed())
                    .extracting(
                            ProcessedBatch.Failed::source,
                            ProcessedBatch.Failed::errorOutputType,
                            ProcessedBatch.Failed::errorCode,
                            ProcessedBatch.Failed::errorMessage)
                    .containsExactly(tuple(
                            unreadable,
                            "processing-failed",
                            "Source.RecordUnreadable",
                            "IllegalStateException: no format"));
        }
    }

    @Test
    void aRecordThatIsNotJsonObjectsFailsDeAggregation() {
        ProcessedBatch processed = process(
                List.of(processor("RecordDeAggregation", "SubRecordType", "JSON")), "[{\"a\":1}]", "{\"ok\":1}");

        assertThat(processed.delivered()).extracting(o -> utf8(o.data())).containsExactly("{\"ok\":1}");
        assertThat(processed.failed())
                .extracting(f -> utf8(f.source().data()), ProcessedBatch.Failed::errorOutputType)
                .containsExactly(tuple("[{\"a\":1}]", "processing-failed"));
    }

    @Test
    void decompressionGunzipsAndCloudWatchLogProcessingExtractsTheMessages() {
        String logs = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"000000000000\",\"logGroup\":\"g\","
                + "\"logStream\":\"s\",\"subscriptionFilters\":[\"f\"],\"logEvents\":["
                + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"first line\"},"
                + "{\"id\":\"2\",\"timestamp\":2,\"message\":\"second line\"}]}";
        String control = "{\"messageType\":\"CONTROL_MESSAGE\",\"logEvents\":[{\"message\":\"CWL CONTROL\"}]}";
        List<BufferedRecord> records = List.of(
                Processors.record(0, gzip(logs)), Processors.record(1, gzip(control)), Processors.record(2, gzip("x")));

        ProcessedBatch processed = chain().process(
                        stream(
                                processor("CloudWatchLogProcessing", "DataMessageExtraction", "true"),
                                processor("Decompression", "CompressionFormat", "GZIP")),
                        TestBatches.of(0, 0, records));

        assertThat(processed.delivered())
                .extracting(o -> utf8(o.data()))
                .containsExactly("first line\nsecond line\n", "");
        assertThat(processed.failed())
                .extracting(ProcessedBatch.Failed::source, ProcessedBatch.Failed::errorOutputType)
                .containsExactly(tuple(records.get(2), "decompression-failed"));
    }

    @Test
    void decompressionAloneKeepsTheDecompressedBytesAndFailsWhatIsNotGzip() {
        List<BufferedRecord> records =
                List.of(Processors.record(0, gzip("plain text")), Processors.record(1, "not gzip".getBytes()));

        ProcessedBatch processed = chain().process(
                        stream(processor("Decompression", "CompressionFormat", "GZIP")), TestBatches.of(0, 0, records));

        assertThat(processed.delivered()).extracting(o -> utf8(o.data())).containsExactly("plain text");
        assertThat(processed.failed()).extracting(ProcessedBatch.Failed::source).containsExactly(records.get(1));
    }

    /** A gzip bomb (a small record that expands without end) fails decompression instead of filling the heap. */
    @Test
    void aRecordThatExpandsBeyondTheBoundFailsDecompression() {
        byte[] bomb = gzip("0".repeat(DecompressionStep.MAX_DECOMPRESSED_BYTES + 1));
        List<BufferedRecord> records = List.of(Processors.record(0, bomb), Processors.record(1, gzip("fits")));

        ProcessedBatch processed = chain().process(
                        stream(processor("Decompression", "CompressionFormat", "GZIP")), TestBatches.of(0, 0, records));

        assertThat(bomb.length).isLessThan(1_024_000);
        assertThat(processed.delivered()).extracting(o -> utf8(o.data())).containsExactly("fits");
        assertThat(processed.failed())
                .singleElement()
                .satisfies(failed -> assertThat(failed.errorMessage()).contains("expands to more than"));
    }

    @Test
    void metadataExtractionGivesEachRecordItsPartitionKeys() {
        ProcessedBatch processed = process(
                List.of(processor(
                        "MetadataExtraction",
                        "MetadataExtractionQuery",
                        "{customer_id:.customer_id, device:.type.device, year:.ts|strftime(\"%Y\")}",
                        "JsonParsingEngine",
                        "JQ-1.6")),
                "{\"customer_id\":\"c-1\",\"type\":{\"device\":\"phone\"},\"ts\":1764115200}",
                "{\"customer_id\":7,\"type\":{\"device\":\"tv\"},\"ts\":1700000000}");

        assertThat(processed.failed()).isEmpty();
        assertThat(processed.delivered())
                .extracting(ProcessedBatch.Output::partitionKeys)
                .containsExactly(
                        Map.of("customer_id", "c-1", "device", "phone", "year", "2025"),
                        Map.of("customer_id", "7", "device", "tv", "year", "2023"));
    }

    @Test
    void aRecordWithoutItsPartitionKeysFailsMetadataExtraction() {
        ProcessedBatch processed = process(
                List.of(processor(
                        "MetadataExtraction",
                        "MetadataExtractionQuery",
                        "{customer_id:.customer_id}",
                        "JsonParsingEngine",
                        "JQ-1.6")),
                "{\"other\":1}",
                "not json",
                "{\"customer_id\":\"c\"}");

        assertThat(processed.delivered()).extracting(o -> utf8(o.data())).containsExactly("{\"customer_id\":\"c\"}");
        assertThat(processed.failed())
                .extracting(f -> utf8(f.source().data()), ProcessedBatch.Failed::errorOutputType, f -> f.errorCode())
                .containsExactly(
                        tuple("{\"other\":1}", "processing-failed", "DynamicPartitioning.MetadataExtractionFailed"),
                        tuple("not json", "processing-failed", "DynamicPartitioning.MetadataExtractionFailed"));
        assertThat(processed.failed().get(1).errorMessage()).isEqualTo("Non JSON record provided");
    }

    @Test
    void processorsRunInFirehoseOrderWhateverTheConfiguredOrder() {
        // Configured backwards: the delimiter must still come last, after de-aggregation and extraction.
        ProcessedBatch processed = process(
                List.of(
                        processor("AppendDelimiterToRecord"),
                        processor(
                                "MetadataExtraction",
                                "MetadataExtractionQuery",
                                "{k:.k}",
                                "JsonParsingEngine",
                                "JQ-1.6"),
                        processor("RecordDeAggregation", "SubRecordType", "JSON")),
                "{\"k\":\"x\"}{\"k\":\"y\"}");

        assertThat(processed.failed()).isEmpty();
        assertThat(processed.delivered())
                .extracting(o -> utf8(o.data()), ProcessedBatch.Output::partitionKeys)
                .containsExactly(
                        tuple("{\"k\":\"x\"}\n", Map.of("k", "x")), tuple("{\"k\":\"y\"}\n", Map.of("k", "y")));
    }

    @Test
    void disabledProcessingDeliversRecordsAsTheyCame() {
        List<BufferedRecord> records = records("a", "b");
        var disabled = stream(processor("AppendDelimiterToRecord"));
        var view = new dev.shardline.firehose.delivery.DeliveryStreamView(
                disabled.id(),
                disabled.ref(),
                disabled.status(),
                disabled.type(),
                disabled.versionId(),
                disabled.topic(),
                disabled.createdAt(),
                disabled.updatedAt(),
                disabled.source(),
                withProcessing(
                        (dev.shardline.firehose.destination.s3.S3Destination) disabled.destination(),
                        new Processing(
                                false, disabled.destination().processing().processors())));

        ProcessedBatch processed = chain().process(view, TestBatches.of(0, 0, records));

        assertThat(processed.delivered()).extracting(o -> utf8(o.data())).containsExactly("a", "b");
    }

    private static dev.shardline.firehose.destination.s3.S3Destination withProcessing(
            dev.shardline.firehose.destination.s3.S3Destination d, Processing processing) {
        return new dev.shardline.firehose.destination.s3.S3Destination(
                d.roleArn(),
                d.bucketArn(),
                d.prefix(),
                d.errorOutputPrefix(),
                d.buffering(),
                d.compression(),
                d.fileExtension(),
                d.customTimeZone(),
                processing,
                d.dynamicPartitioning(),
                d.s3BackupMode(),
                d.backup());
    }

    private static List<String> delivered(List<Processing.Processor> processors, String... data) {
        ProcessedBatch processed = process(processors, data);
        assertThat(processed.failed()).isEmpty();
        return processed.delivered().stream().map(o -> utf8(o.data())).toList();
    }

    private static ProcessedBatch process(List<Processing.Processor> processors, String... data) {
        return chain().process(
                        stream(processors.toArray(Processing.Processor[]::new)), TestBatches.of(0, 0, records(data)));
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
