package dev.shardline.firehose.processing;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.PendingBatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CloudWatchLogProcessing with DataMessageExtraction: a subscription filter's envelope becomes its log messages, one
 * per line. A CONTROL_MESSAGE (the filter's connectivity check) carries no log data and becomes an empty record.
 */
final class CloudWatchLogStep implements ProcessorStep {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final boolean extract;

    CloudWatchLogStep(boolean extract) {
        this.extract = extract;
    }

    @Override
    public Result apply(DeliveryStreamView stream, PendingBatch batch, List<ProcessingRecord> records) {
        Result result = Result.collecting();
        for (ProcessingRecord record : records) {
            if (!extract) {
                result.pass(record);
                continue;
            }
            try {
                result.pass(record.withData(messages(JSON.readTree(record.data()))));
            } catch (JacksonException | IllegalArgumentException e) {
                result.fail(
                        record,
                        DecompressionStep.ERROR_OUTPUT_TYPE,
                        DecompressionStep.ERROR_CODE,
                        "The record is not a CloudWatch Logs subscription message: " + e.getMessage());
            }
        }
        return result;
    }

    private static byte[] messages(JsonNode envelope) {
        String type = envelope.path("messageType").asString("");
        if ("CONTROL_MESSAGE".equals(type)) {
            return new byte[0];
        }
        JsonNode events = envelope.path("logEvents");
        if (!"DATA_MESSAGE".equals(type) || !events.isArray()) {
            throw new IllegalArgumentException("no DATA_MESSAGE with logEvents");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode event : events) {
            out.writeBytes(event.path("message").asString("").getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }
}
