package dev.shardline.streams.record.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The record shapes of the {@code /v1} REST API: plain JSON for people, camelCase, ISO-8601 times. */
final class RecordRestShapes {

    private RecordRestShapes() {}

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
