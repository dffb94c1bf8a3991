package dev.shardline.firehose.ingest.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The bodies of {@code POST /v1/delivery-streams/{name}/records}. */
final class RecordsRestShapes {

    private RecordsRestShapes() {}

    @Schema(description = "One record: either text (sent as UTF-8) or base64 data")
    record NewRecord(@Schema(example = "{\"clicks\":1}\n") String text, String data) {}

    record PutRecords(List<NewRecord> records) {}

    record PutResult(String recordId, String errorCode, String errorMessage) {}

    record PutRecordsResult(int failedPutCount, List<PutResult> records) {}
}
