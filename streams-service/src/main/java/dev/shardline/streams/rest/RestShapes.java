package dev.shardline.streams.rest;

import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The shapes of the {@code /v1} REST API: plain JSON for people, camelCase, ISO-8601 times. */
final class RestShapes {

    private RestShapes() {}

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

    record PutRecords(
            @Schema(description = "1 to 500 records") List<NewRecord> records) {}

    record NewRecord(
            @Schema(description = "Partition key, 1-256 characters", example = "customer-42")
            String partitionKey,

            @Schema(description = "Data as UTF-8 text; use dataBase64 for binary data", example = "{\"total\": 12}")
            String text,

            @Schema(description = "Data, base64-encoded") String dataBase64,

            @Schema(description = "Optional hash key (decimal) that overrides the partition key's MD5")
            String explicitHashKey) {}

    record PutResult(String shardId, String sequenceNumber, String errorCode, String errorMessage) {}

    record PutResults(int failedRecordCount, List<PutResult> records) {}

    record ReadRecord(
            String sequenceNumber,
            Instant approximateArrivalTimestamp,
            String partitionKey,
            String text,
            String dataBase64) {}

    record ReadResult(
            List<ReadRecord> records,

            @Schema(description = "Pass as 'iterator' to read on from where this page ended")
            String nextIterator,

            long millisBehindLatest) {}
}
