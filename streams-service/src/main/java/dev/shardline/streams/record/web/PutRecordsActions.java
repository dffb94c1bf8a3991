package dev.shardline.streams.record.web;

import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.kinesis.SequenceNumber;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.record.PutEntry;
import dev.shardline.streams.record.PutOutcome;
import dev.shardline.streams.record.RecordWriter;
import dev.shardline.streams.record.web.RecordShapes.*;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.web.KinesisActions;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** PutRecord and PutRecords on the AWS wire, mapped onto {@link RecordWriter}. */
@Component
class PutRecordsActions implements KinesisActions {

    /** The model bounds each data blob; the stream's own record limit (UpdateMaxRecordSize) is checked per call. */
    static final long MAX_PUT_RECORDS_BYTES = 10L * 1024 * 1024;

    private final RecordWriter writer;
    private final Clock clock;

    PutRecordsActions(RecordWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("PutRecord", PutRecordRequest.class, this::putRecord),
                AwsAction.of("PutRecords", PutRecordsRequest.class, this::putRecords));
    }

    private PutRecordResponse putRecord(PutRecordRequest request, AwsRequestContext ctx) {
        StreamRef ref = StreamConstraints.stream(ctx, request.streamName(), request.streamARN());
        PutOutcome outcome = writer.put(ref, maxRecordBytes -> {
            if (request.data().length + request.partitionKey().getBytes(StandardCharsets.UTF_8).length
                    > maxRecordBytes) {
                throw AwsErrorType.VALIDATION.exception("1 validation error detected: Value at 'data' failed to "
                        + "satisfy constraint: Member must have length less than or equal to " + maxRecordBytes);
            }
            BigInteger hashKey = hashKey(request.explicitHashKey());
            checkOrdering(ref, request.sequenceNumberForOrdering());
            return List.of(new PutEntry(request.data(), request.partitionKey(), hashKey));
        });
        return new PutRecordResponse(outcome.shardId(), outcome.sequenceNumber(), encryptionType(outcome.encrypted()));
    }

    private PutRecordsResponse putRecords(PutRecordsRequest request, AwsRequestContext ctx) {
        List<PutRecordsRequestEntry> records = request.records();
        // the model checks each entry's members, but lets a null entry through
        Validation v = Validation.of();
        for (int i = 0; i < records.size(); i++) {
            v.required("records." + (i + 1) + ".member", records.get(i));
        }
        v.throwIfInvalid();
        StreamRef ref = StreamConstraints.stream(ctx, request.streamName(), request.streamARN());
        List<PutOutcome> outcomes = writer.putAll(ref, maxRecordBytes -> entries(records, maxRecordBytes));
        int failed = (int) outcomes.stream().filter(PutOutcome::isFailure).count();
        return new PutRecordsResponse(
                failed,
                outcomes.stream()
                        .map(o -> new PutRecordsResultEntry(
                                o.sequenceNumber(), o.shardId(), o.errorCode(), o.errorMessage()))
                        .toList(),
                encryptionType(outcomes.stream().anyMatch(PutOutcome::encrypted)));
    }

    /** The records of a PutRecords call, each within the stream's record size and all within the call's limit. */
    private static List<PutEntry> entries(List<PutRecordsRequestEntry> records, int maxRecordBytes) {
        long total = 0;
        List<PutEntry> entries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            PutRecordsRequestEntry e = records.get(i);
            if (e.data().length > maxRecordBytes) {
                throw AwsErrorType.VALIDATION.exception("1 validation error detected: Value at 'records." + (i + 1)
                        + ".member.data' failed to satisfy constraint: Member must have length less than or equal to "
                        + maxRecordBytes);
            }
            int size = e.data().length + e.partitionKey().getBytes(StandardCharsets.UTF_8).length;
            if (size > maxRecordBytes) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("Record size exceeds the maximum of " + maxRecordBytes
                        + " bytes (data blob plus partition key).");
            }
            total += size;
            entries.add(new PutEntry(e.data(), e.partitionKey(), hashKey(e.explicitHashKey())));
        }
        if (total > MAX_PUT_RECORDS_BYTES) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "Records size exceeds " + MAX_PUT_RECORDS_BYTES + " bytes limit for a PutRecords request.");
        }
        return entries;
    }

    /**
     * AWS refuses a SequenceNumberForOrdering that does not decode or whose record time lies ahead; any other is
     * accepted and needs no more: a shard's records are in the order they were appended anyway.
     */
    private void checkOrdering(StreamRef ref, String sequenceNumberForOrdering) {
        if (sequenceNumberForOrdering != null
                && SequenceNumber.decode(sequenceNumberForOrdering)
                        .filter(decoded -> !decoded.isAfter(clock.instant()))
                        .isEmpty()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("ExclusiveMinimumSequenceNumber " + sequenceNumberForOrdering
                    + " used in PutRecord on stream " + ref.name() + " under account " + ref.accountId()
                    + " is invalid.");
        }
    }

    /** The EncryptionType that put responses report: KMS when the records were stored encrypted. */
    private static String encryptionType(boolean encrypted) {
        return encrypted ? "KMS" : "NONE";
    }

    private static BigInteger hashKey(String explicitHashKey) {
        if (explicitHashKey == null) {
            return null;
        }
        BigInteger value = new BigInteger(explicitHashKey);
        if (value.compareTo(HashKeyRange.MAX_HASH_KEY) > 0) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid ExplicitHashKey. ExplicitHashKey must be in the "
                    + "range: [0, 2^128-1]. Specified value was " + explicitHashKey);
        }
        return value;
    }
}
