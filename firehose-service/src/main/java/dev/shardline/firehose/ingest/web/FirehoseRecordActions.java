package dev.shardline.firehose.ingest.web;

import dev.shardline.firehose.delivery.DeliveryStreamName;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.deliverystream.DeliveryStreamService;
import dev.shardline.firehose.ingest.RecordBuffer;
import dev.shardline.firehose.ingest.web.RecordShapes.PutRecordBatchRequest;
import dev.shardline.firehose.ingest.web.RecordShapes.PutRecordBatchResponse;
import dev.shardline.firehose.ingest.web.RecordShapes.PutRecordBatchResponseEntry;
import dev.shardline.firehose.ingest.web.RecordShapes.PutRecordRequest;
import dev.shardline.firehose.ingest.web.RecordShapes.PutRecordResponse;
import dev.shardline.firehose.ingest.web.RecordShapes.Record;
import dev.shardline.firehose.pipeline.FirehoseMetrics;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** PutRecord and PutRecordBatch: records are acknowledged once they are durably in the delivery stream's buffer. */
@Component
public class FirehoseRecordActions {

    /** AWS's limits: a record up to 1,000 KiB, a batch up to 500 records and 4 MiB. */
    static final int MAX_RECORD_BYTES = 1_024_000;

    static final int MAX_BATCH_RECORDS = 500;
    static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;

    private final DeliveryStreamService streams;
    private final RecordBuffer buffer;
    private final FirehoseMetrics metrics;

    FirehoseRecordActions(DeliveryStreamService streams, RecordBuffer buffer, FirehoseMetrics metrics) {
        this.streams = streams;
        this.buffer = buffer;
        this.metrics = metrics;
    }

    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("PutRecord", PutRecordRequest.class, this::putRecord),
                AwsAction.of("PutRecordBatch", PutRecordBatchRequest.class, this::putRecordBatch));
    }

    private PutRecordResponse putRecord(PutRecordRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        if (v.required("record", request.record())
                && v.required("record.data", request.record().data())) {
            v.length("record.data", request.record().data(), 0, MAX_RECORD_BYTES);
        }
        DeliveryStreamView stream = accepting(v, ctx, request.deliveryStreamName());
        long started = System.nanoTime();
        String recordId = buffer.put(stream, request.record().data());
        metrics.putRecord(
                stream.ref().name(), request.record().data().length, Duration.ofNanos(System.nanoTime() - started));
        return new PutRecordResponse(recordId, stream.encryption().encryptsRecords());
    }

    private PutRecordBatchResponse putRecordBatch(PutRecordBatchRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        if (v.required("records", request.records())) {
            v.size("records", request.records(), 1, MAX_BATCH_RECORDS);
            for (int i = 0; i < request.records().size() && i < MAX_BATCH_RECORDS; i++) {
                Record record = request.records().get(i);
                String member = "records." + (i + 1) + ".member.data";
                if (v.required(member, record == null ? null : record.data())) {
                    v.length(member, record.data(), 0, MAX_RECORD_BYTES);
                }
            }
        }
        DeliveryStreamView stream = accepting(v, ctx, request.deliveryStreamName());
        long total = request.records().stream().mapToLong(r -> r.data().length).sum();
        if (total > MAX_BATCH_BYTES) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Records size " + total
                    + " bytes exceeds the PutRecordBatch limit of " + MAX_BATCH_BYTES + " bytes (4 MiB).");
        }
        List<byte[]> data = request.records().stream().map(Record::data).toList();
        List<PutRecordBatchResponseEntry> entries = new ArrayList<>(data.size());
        int failed = 0;
        long started = System.nanoTime();
        List<RecordBuffer.Outcome> outcomes = buffer.putAll(stream, data);
        metrics.putRecordBatch(stream.ref().name(), data.size(), total, Duration.ofNanos(System.nanoTime() - started));
        for (RecordBuffer.Outcome outcome : outcomes) {
            if (outcome.recordId() == null) {
                failed++;
            }
            entries.add(
                    new PutRecordBatchResponseEntry(outcome.recordId(), outcome.errorCode(), outcome.errorMessage()));
        }
        return new PutRecordBatchResponse(failed, stream.encryption().encryptsRecords(), entries);
    }

    private DeliveryStreamView accepting(Validation v, AwsRequestContext ctx, String name) {
        return streams.acceptingRecords(
                DeliveryStreamName.of(v, DeliveryStreamName.MEMBER, name).in(ctx.accountId(), ctx.region()));
    }
}
