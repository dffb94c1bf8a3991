package dev.shardline.streams.stream.web;

import dev.shardline.streams.stream.ShardLevelMetric;
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
            List<Shard> shards,
            @Schema(description = "NONE or KMS") String encryptionType,

            @Schema(description = "The KMS key of a KMS-encrypted stream")
            String keyId,

            @Schema(description = "Enabled shard-level metrics (enhanced monitoring)")
            List<String> shardLevelMetrics) {

        static Stream of(StreamView view) {
            return new Stream(
                    view.ref().name(),
                    view.ref().arn(),
                    view.status().name(),
                    view.mode().name(),
                    view.retentionHours(),
                    view.createdAt(),
                    view.openShards().size(),
                    view.shards().stream().map(Shard::of).toList(),
                    view.encryptionType().name(),
                    view.keyId(),
                    view.shardLevelMetrics().stream()
                            .sorted()
                            .map(ShardLevelMetric::awsName)
                            .toList());
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

    record SplitShard(
            @Schema(
                    description = "The first hash key of the upper child, a decimal number inside the shard's range",
                    example = "170141183460469231731687303715884105728")
            String newStartingHashKey) {}

    record MergeShards(
            @Schema(description = "The shard below", example = "shardId-000000000000")
            String shardId,

            @Schema(description = "The shard right above it", example = "shardId-000000000001")
            String adjacentShardId) {}

    record ShardCount(
            @Schema(description = "The number of open shards wanted (uniform scaling)", example = "4")
            Integer targetShardCount) {}

    record Mode(
            @Schema(description = "PROVISIONED or ON_DEMAND", example = "ON_DEMAND")
            String mode) {}

    record Retention(
            @Schema(description = "How long records are kept, 24 to 8760 hours", example = "48")
            Integer retentionHours) {}

    record Encryption(
            @Schema(description = "The KMS key: id, ARN, alias name or alias ARN", example = "alias/aws/kinesis")
            String keyId) {}

    record StreamList(List<Stream> streams, boolean hasMore) {}
}
