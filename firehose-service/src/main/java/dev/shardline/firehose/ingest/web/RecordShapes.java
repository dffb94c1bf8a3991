package dev.shardline.firehose.ingest.web;

import java.util.List;

/** Request and response shapes of the Firehose actions, with AWS's member names. */
public final class RecordShapes {

    private RecordShapes() {}

    public record Record(byte[] data) {}

    public record PutRecordRequest(String deliveryStreamName, Record record) {}

    public record PutRecordResponse(String recordId, Boolean encrypted) {}

    public record PutRecordBatchRequest(String deliveryStreamName, List<Record> records) {}

    public record PutRecordBatchResponseEntry(String recordId, String errorCode, String errorMessage) {}

    public record PutRecordBatchResponse(
            Integer failedPutCount, Boolean encrypted, List<PutRecordBatchResponseEntry> requestResponses) {}
}
