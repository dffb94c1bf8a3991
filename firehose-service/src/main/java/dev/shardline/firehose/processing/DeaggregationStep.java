package dev.shardline.firehose.processing;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.PendingBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * RecordDeAggregation: a record that holds several is split, either into its consecutive JSON objects (
 * {@code {"a":1}{"a":2}} or JSON Lines) or at a delimiter. Each sub-record keeps its exact bytes.
 */
final class DeaggregationStep implements ProcessorStep {

    /** AWS splits at most this many sub-records out of one record. */
    static final int MAX_SUB_RECORDS = 500;

    static final String ERROR_CODE = "RecordDeAggregation.Failed";

    private static final JsonMapper JSON = JsonMapper.shared();

    private final byte[] delimiter;

    /** @param delimiter the split bytes of DELIMITED, null for JSON */
    private DeaggregationStep(byte[] delimiter) {
        this.delimiter = delimiter;
    }

    static DeaggregationStep json() {
        return new DeaggregationStep(null);
    }

    /** DELIMITED: the Delimiter parameter is base64, so that any bytes can split. */
    static DeaggregationStep delimited(String base64Delimiter) {
        return new DeaggregationStep(Base64.getDecoder().decode(base64Delimiter));
    }

    @Override
    public Result apply(DeliveryStreamView stream, PendingBatch batch, List<ProcessingRecord> records) {
        Result result = Result.collecting();
        for (ProcessingRecord record : records) {
            List<byte[]> parts;
            try {
                parts = delimiter == null ? jsonObjects(record.data()) : split(record.data(), delimiter);
            } catch (JacksonException | IllegalArgumentException e) {
                result.fail(record, "processing-failed", ERROR_CODE, "De-aggregation failed: " + e.getMessage());
                continue;
            }
            if (parts.size() > MAX_SUB_RECORDS) {
                result.fail(
                        record,
                        "processing-failed",
                        ERROR_CODE,
                        "The record holds " + parts.size() + " sub-records; at most " + MAX_SUB_RECORDS
                                + " are de-aggregated from one record.");
                continue;
            }
            for (int i = 0; i < parts.size(); i++) {
                String id = parts.size() == 1 ? record.recordId() : record.recordId() + "." + i;
                result.pass(new ProcessingRecord(record.source(), id, parts.get(i), record.partitionKeys()));
            }
        }
        return result;
    }

    static List<byte[]> jsonObjects(byte[] data) {
        List<byte[]> objects = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(data)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("expected consecutive JSON objects, found " + token);
                }
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getByteOffset();
                objects.add(Arrays.copyOfRange(data, start, end));
            }
        }
        return objects;
    }

    static List<byte[]> split(byte[] data, byte[] delimiter) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + delimiter.length <= data.length; ) {
            if (Arrays.equals(data, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                parts.add(Arrays.copyOfRange(data, start, i));
                i += delimiter.length;
                start = i;
            } else {
                i++;
            }
        }
        if (start < data.length) {
            parts.add(Arrays.copyOfRange(data, start, data.length));
        }
        return parts;
    }
}
