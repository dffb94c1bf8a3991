package dev.shardline.streams.stream.web;

import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The stream shapes of the {@code /v1} REST API: plain JSON for people, camelCase, ISO-8601 times. */
final class StreamRestShapes {

    private StreamRestShapes() {}

    record CreateStream(
            @Schema(description = "Stream name, [a-zA-Z0-9_.-]{1,128}", example = "orders")
            String name,

            @Schema(description = "Number of shards (PROVISIONED)", example = "2")
            Integer shardCount,

            @Schema(description = "PROVISIONED (default) or ON_DEMAND")
            String mode) {}

    record Stream(
            String name,
            String arn,
            String status,
            String mode,
            int retentionHours,
            Instant createdAt,
            int openShardCount,
            List<Shard> shards) {

        static Stream of(StreamView view) {
            return new Stream(
                    view.ref().name(),
                    view.ref().arn(),
                    view.status().name(),
                    view.mode().name(),
                    view.retentionHours(),
                    view.createdAt(),
                    view.openShards().size(),
                    view.shards().stream().map(Shard::of).toList());
        }
    }

    record Shard(
            String shardId,
            String parentShardId,
            String startingHashKey,
            String endingHashKey,
            String startingSequenceNumber,
            String endingSequenceNumber,
            boolean open) {

        static Shard of(ShardView view) {
            return new Shard(
                    view.shardId(),
                    view.parentIndex() == null ? null : dev.shardline.kinesis.ShardIds.format(view.parentIndex()),
                    view.hashKeyRange().start().toString(),
                    view.hashKeyRange().end().toString(),
                    view.startingSequenceNumber().toString(),
                    view.endingSequenceNumber() == null
                            ? null
                            : view.endingSequenceNumber().toString(),
                    view.isOpen());
        }
    }

    record StreamList(List<Stream> streams, boolean hasMore) {}
}
