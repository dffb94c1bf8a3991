package dev.shardline.firehose.destination.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamStatus;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.BufferedRecord;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a batch is cut into requests, and the request ids that make retries and replays recognisable. */
class FirehoseHttpRequestSplitTest {

    private static final DeliveryStreamView STREAM = stream(UUID.randomUUID());

    @Test
    void recordsAreCutInOrderIntoRequestsOfAtMostTheLimit() {
        List<ProcessedBatch.Output> records = outputs(100, 40, 40, 30, 50, 60, 10);

        List<EndpointRequest> requests = EndpointRequest.split(STREAM, 0, records, 100);

        assertThat(requests).extracting(r -> r.records().size()).containsExactly(2, 2, 2);
        assertThat(requests)
                .allSatisfy(r -> assertThat(r.records().stream()
                                .mapToInt(o -> o.data().length)
                                .sum())
                        .isLessThanOrEqualTo(100));
        assertThat(requests.stream().flatMap(r -> r.records().stream()).toList())
                .containsExactlyElementsOf(records);
    }

    @Test
    void aRecordLargerThanTheLimitGoesAlone() {
        List<EndpointRequest> requests = EndpointRequest.split(STREAM, 0, outputs(7, 10, 150, 20), 100);

        assertThat(requests).extracting(r -> r.records().size()).containsExactly(1, 1, 1);
    }

    @Test
    void requestIdsFollowThePositionOfTheFirstRecord() {
        List<ProcessedBatch.Output> records = outputs(5, 60, 60);

        List<EndpointRequest> once = EndpointRequest.split(STREAM, 2, records, 100);
        List<EndpointRequest> again = EndpointRequest.split(STREAM, 2, records, 100);

        assertThat(once)
                .extracting(EndpointRequest::requestId)
                .containsExactlyElementsOf(
                        again.stream().map(EndpointRequest::requestId).toList())
                .doesNotHaveDuplicates();
        assertThat(once.get(0).requestId()).isEqualTo(PositionIds.of("request", STREAM, 2, 5));
        assertThat(once.get(1).requestId()).isEqualTo(PositionIds.of("request", STREAM, 2, 6));
        assertThat(PositionIds.of("request", STREAM, 3, 5))
                .isNotEqualTo(once.get(0).requestId());
        assertThat(PositionIds.of("request", stream(UUID.randomUUID()), 2, 5))
                .isNotEqualTo(once.get(0).requestId());
        assertThat(PositionIds.of("all-data", STREAM, 2, 5))
                .isNotEqualTo(once.get(0).requestId());
    }

    private static List<ProcessedBatch.Output> outputs(long firstOffset, int... sizes) {
        List<ProcessedBatch.Output> outputs = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            BufferedRecord source = new BufferedRecord(0, firstOffset + i, Instant.EPOCH, new byte[sizes[i]], null);
            outputs.add(new ProcessedBatch.Output(source, source.data(), Map.of()));
        }
        return outputs;
    }

    private static DeliveryStreamView stream(UUID id) {
        return new DeliveryStreamView(
                id,
                new DeliveryStreamRef("000000000000", "us-east-1", "s"),
                DeliveryStreamStatus.ACTIVE,
                "DirectPut",
                1,
                "topic",
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                null);
    }
}
