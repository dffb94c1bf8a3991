package dev.shardline.firehose.processing;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.PendingBatch;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lambda: the records go to the transformation function in invocations of at most BufferSizeInMBs of data (and within
 * Lambda's 6 MB request payload); each record comes back Ok (with its new data and partition keys), Dropped, or
 * ProcessingFailed, and any record the response does not account for properly goes to the error output.
 */
final class LambdaStep implements ProcessorStep {

    /** Lambda's synchronous invocation payload limit. */
    static final long MAX_PAYLOAD_BYTES = 6L * 1024 * 1024;

    private static final long EVENT_RECORD_OVERHEAD = 256;
    private static final String PROCESSING_FAILED = "processing-failed";
    private static final String MISSING_RECORD_ID_MESSAGE =
            "One or more record Ids were not returned. Ensure that the Lambda function returns all received record Ids.";
    private static final String DUPLICATED_RECORD_ID_MESSAGE = "Multiple records were returned with the same record ID."
            + " Ensure that the Lambda function returns unique record IDs for each record.";
    private static final String INVALID_RECORD_MESSAGE =
            "Check your function and make sure the output is in required format. In addition to that, make sure the"
                    + " processed records contain valid result status of Dropped, Ok, or ProcessingFailed";
    private static final JsonMapper JSON = JsonMapper.shared();

    private final LambdaInvoker invoker;
    private final String lambdaArn;
    private final URI url;
    private final int retries;
    private final long bufferBytes;

    /** @param url where the function is served; null when the LambdaArn names no known function */
    // One collaborator (the invoker); the other four are this processor's configuration.
    LambdaStep(LambdaInvoker invoker, String lambdaArn, URI url, int retries, long bufferBytes) {
        this.invoker = invoker;
        this.lambdaArn = lambdaArn;
        this.url = url;
        this.retries = retries;
        this.bufferBytes = bufferBytes;
    }

    @Override
    public Result apply(DeliveryStreamView stream, PendingBatch batch, List<ProcessingRecord> records) {
        Result result = Result.collecting();
        List<List<ProcessingRecord>> invocations = split(records, bufferBytes);
        for (int i = 0; i < invocations.size(); i++) {
            List<ProcessingRecord> chunk = invocations.get(i);
            if (url == null) {
                chunk.forEach(r -> result.fail(
                        r,
                        PROCESSING_FAILED,
                        LambdaInvoker.RESOURCE_NOT_FOUND,
                        "The specified Lambda function does not exist. Use a different function that does exist: no"
                                + " URL is configured for " + lambdaArn
                                + " (shardline.firehose.lambda.functions)."));
                continue;
            }
            LambdaEvent event = new LambdaEvent(
                    invocationId(stream, batch, i),
                    stream.ref().arn(),
                    stream.ref().region(),
                    chunk.stream().map(LambdaEvent.Record::of).toList());
            LambdaInvoker.Invocation invocation = invoker.invoke(url, JSON.writeValueAsBytes(event), retries);
            if (invocation.succeeded()) {
                evaluate(chunk, invocation.response(), result);
            } else {
                chunk.forEach(
                        r -> result.fail(r, PROCESSING_FAILED, invocation.errorCode(), invocation.errorMessage()));
            }
        }
        return result;
    }

    /**
     * The same for every delivery of the same batch, so a function can recognise a batch delivered again after a
     * crash.
     */
    static String invocationId(DeliveryStreamView stream, PendingBatch batch, int invocation) {
        String key = stream.id() + "/" + batch.partition() + "/" + batch.firstOffset() + "/" + invocation;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Consecutive runs of records of at most {@code bufferBytes} of data each; a larger record goes alone. */
    static List<List<ProcessingRecord>> split(List<ProcessingRecord> records, long bufferBytes) {
        List<List<ProcessingRecord>> chunks = new ArrayList<>();
        List<ProcessingRecord> chunk = new ArrayList<>();
        long bytes = 0;
        long payload = 0;
        for (ProcessingRecord record : records) {
            long size = record.data().length;
            long encoded = (size + 2) / 3 * 4 + EVENT_RECORD_OVERHEAD;
            if (!chunk.isEmpty() && (bytes + size > bufferBytes || payload + encoded > MAX_PAYLOAD_BYTES)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
                payload = 0;
            }
            chunk.add(record);
            bytes += size;
            payload += encoded;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /** Reads the function's verdict on each record it was sent. */
    static void evaluate(List<ProcessingRecord> sent, JsonNode response, Result result) {
        Map<String, JsonNode> returned = new HashMap<>();
        Set<String> duplicated = new HashSet<>();
        for (JsonNode record : response.path("records")) {
            String id = record.path("recordId").asString(null);
            if (id != null && returned.putIfAbsent(id, record) != null) {
                duplicated.add(id);
            }
        }
        for (ProcessingRecord record : sent) {
            JsonNode verdict = returned.get(record.recordId());
            if (duplicated.contains(record.recordId())) {
                result.fail(record, PROCESSING_FAILED, "Lambda.DuplicatedRecordId", DUPLICATED_RECORD_ID_MESSAGE);
            } else if (verdict == null) {
                result.fail(record, PROCESSING_FAILED, "Lambda.MissingRecordId", MISSING_RECORD_ID_MESSAGE);
            } else {
                judge(record, verdict, result);
            }
        }
    }

    private static void judge(ProcessingRecord record, JsonNode verdict, Result result) {
        String status = verdict.path("result").asString("");
        switch (status) {
            case "Dropped" -> {
                // Dropped on purpose: delivered nowhere, counted as processed.
            }
            case "ProcessingFailed" ->
                result.fail(
                        record,
                        PROCESSING_FAILED,
                        "Lambda.ProcessingFailedStatus",
                        "ProcessingFailed status set for record");
            case "Ok" -> {
                byte[] data;
                try {
                    data = Base64.getDecoder().decode(verdict.path("data").asString(""));
                } catch (IllegalArgumentException e) {
                    result.fail(record, PROCESSING_FAILED, LambdaInvoker.FUNCTION_ERROR, INVALID_RECORD_MESSAGE);
                    return;
                }
                if (!verdict.path("data").isString()) {
                    result.fail(record, PROCESSING_FAILED, LambdaInvoker.FUNCTION_ERROR, INVALID_RECORD_MESSAGE);
                    return;
                }
                result.pass(record.withData(data).withPartitionKeys(partitionKeys(verdict)));
            }
            default -> result.fail(record, PROCESSING_FAILED, LambdaInvoker.FUNCTION_ERROR, INVALID_RECORD_MESSAGE);
        }
    }

    private static Map<String, String> partitionKeys(JsonNode verdict) {
        Map<String, String> keys = new HashMap<>();
        JsonNode partitionKeys = verdict.path("metadata").path("partitionKeys");
        for (Map.Entry<String, JsonNode> key : partitionKeys.properties()) {
            if (key.getValue().isValueNode() && !key.getValue().isNull()) {
                keys.put(key.getKey(), key.getValue().asString());
            }
        }
        return keys;
    }
}
