package dev.shardline.firehose.processing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.PendingBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.thisptr.jackson.jq.JsonQuery;

/**
 * MetadataExtraction: the record is parsed as JSON and the jq query, such as {@code {customer_id:.customer_id}},
 * gives its partition keys. jackson-jq works on Jackson 2 trees, hence Jackson 2 here alone.
 */
final class MetadataExtractionStep implements ProcessorStep {

    static final String ERROR_CODE = "DynamicPartitioning.MetadataExtractionFailed";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonQuery query;

    MetadataExtractionStep(String query) {
        this.query = JqQueries.compile(query);
    }

    @Override
    public Result apply(DeliveryStreamView stream, PendingBatch batch, List<ProcessingRecord> records) {
        Result result = Result.collecting();
        for (ProcessingRecord record : records) {
            try {
                result.pass(record.withPartitionKeys(keys(record.data())));
            } catch (ExtractionFailed e) {
                result.fail(record, "processing-failed", ERROR_CODE, e.getMessage());
            }
        }
        return result;
    }

    private Map<String, String> keys(byte[] data) throws ExtractionFailed {
        JsonNode input;
        try {
            input = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new ExtractionFailed("Non JSON record provided");
        } catch (IOException e) {
            throw new ExtractionFailed("The record could not be read: " + e.getMessage());
        }
        if (input == null || input.isMissingNode()) {
            throw new ExtractionFailed("Non JSON record provided");
        }
        List<JsonNode> out = new ArrayList<>();
        try {
            JqQueries.apply(query, input, out::add);
        } catch (JqQueries.OverBudget e) {
            throw new ExtractionFailed("The MetadataExtractionQuery was stopped: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new ExtractionFailed("The MetadataExtractionQuery failed on the record: " + e.getMessage());
        }
        if (out.size() != 1 || !out.get(0).isObject()) {
            throw new ExtractionFailed("The MetadataExtractionQuery must produce one JSON object of partition keys");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = out.get(0).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> key = it.next();
            JsonNode value = key.getValue();
            if (value.isNull() || value.isMissingNode() || value.isContainerNode()) {
                throw new ExtractionFailed("The partition key " + key.getKey() + " has no scalar value in the record");
            }
            keys.put(key.getKey(), value.asText());
        }
        return keys;
    }

    private static final class ExtractionFailed extends Exception {
        ExtractionFailed(String message) {
            super(message, null, false, false);
        }
    }
}
