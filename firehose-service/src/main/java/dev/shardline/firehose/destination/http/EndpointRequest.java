package dev.shardline.firehose.destination.http;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One POST to the endpoint: some of a batch's records, at most the buffering size of data. Its id is derived from
 * the position of its first record, so every attempt of it, also after a crash and a replay, has the same
 * {@code X-Amz-Firehose-Request-Id} and the endpoint can deduplicate.
 */
record EndpointRequest(UUID requestId, List<ProcessedBatch.Output> records) {

    EndpointRequest {
        records = List.copyOf(records);
    }

    /** Cuts the records, in order, into requests of at most {@code maxBytes} of data (at least one record each). */
    static List<EndpointRequest> split(
            DeliveryStreamView stream, int partition, List<ProcessedBatch.Output> records, long maxBytes) {
        List<EndpointRequest> requests = new ArrayList<>();
        List<ProcessedBatch.Output> current = new ArrayList<>();
        long bytes = 0;
        for (ProcessedBatch.Output record : records) {
            if (!current.isEmpty() && bytes + record.data().length > maxBytes) {
                requests.add(of(stream, partition, current));
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(record);
            bytes += record.data().length;
        }
        if (!current.isEmpty()) {
            requests.add(of(stream, partition, current));
        }
        return requests;
    }

    private static EndpointRequest of(DeliveryStreamView stream, int partition, List<ProcessedBatch.Output> records) {
        return new EndpointRequest(
                PositionIds.of(
                        "request", stream, partition, records.get(0).source().offset()),
                records);
    }
}
