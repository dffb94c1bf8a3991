package dev.shardline.streams.aws;

import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.kinesis.ShardIds;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.aws.RecordShapes.*;
import dev.shardline.streams.record.IteratorType;
import dev.shardline.streams.record.PutEntry;
import dev.shardline.streams.record.PutOutcome;
import dev.shardline.streams.record.RecordBatch;
import dev.shardline.streams.record.RecordReader;
import dev.shardline.streams.record.RecordWriter;
import dev.shardline.streams.record.ShardIteratorService;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/** The Kinesis data-plane actions on the AWS wire, mapped onto {@link RecordWriter} and {@link RecordReader}. */
@Component
class RecordActions {

    /** AWS's bound on any data blob; each stream's own record limit (UpdateMaxRecordSize) is checked per call. */
    static final int MAX_DATA_BYTES = 10 * 1024 * 1024;

    static final int MAX_PUT_RECORDS = 500;
    static final long MAX_PUT_RECORDS_BYTES = 10L * 1024 * 1024;
    private static final List<String> ITERATOR_TYPES =
            Arrays.stream(IteratorType.values()).map(Enum::name).toList();

    private final RecordWriter writer;
    private final RecordReader reader;
    private final ShardIteratorService iterators;

    RecordActions(RecordWriter writer, RecordReader reader, ShardIteratorService iterators) {
        this.writer = writer;
        this.reader = reader;
        this.iterators = iterators;
    }

    List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("PutRecord", PutRecordRequest.class, this::putRecord),
                AwsAction.of("PutRecords", PutRecordsRequest.class, this::putRecords),
                AwsAction.of("GetShardIterator", GetShardIteratorRequest.class, this::getShardIterator),
                AwsAction.of("GetRecords", GetRecordsRequest.class, this::getRecords));
    }

    private PutRecordResponse putRecord(PutRecordRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        entry(v, "", request.data(), request.partitionKey(), request.explicitHashKey());
        v.pattern("sequenceNumberForOrdering", request.sequenceNumberForOrdering(), StreamConstraints.SEQUENCE_NUMBER);
        StreamRef ref = StreamConstraints.stream(v, ctx, request.streamName(), request.streamARN());
        int maxRecordBytes = writer.maxRecordBytes(ref);
        if (request.data().length + request.partitionKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > maxRecordBytes) {
            throw AwsErrorType.VALIDATION.exception("1 validation error detected: Value at 'data' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + maxRecordBytes);
        }
        PutOutcome outcome = writer.put(
                ref, new PutEntry(request.data(), request.partitionKey(), hashKey(request.explicitHashKey())));
        return new PutRecordResponse(outcome.shardId(), outcome.sequenceNumber(), encryptionType(outcome.encrypted()));
    }

    private PutRecordsResponse putRecords(PutRecordsRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        List<PutRecordsRequestEntry> records = request.records();
        if (v.required("records", records)) {
            v.size("records", records, 1, MAX_PUT_RECORDS);
            for (int i = 0; i < records.size() && records.size() <= MAX_PUT_RECORDS; i++) {
                PutRecordsRequestEntry e = records.get(i);
                String member = "records." + (i + 1) + ".member.";
                if (e == null) {
                    v.required(member.substring(0, member.length() - 1), null);
                    continue;
                }
                entry(v, member, e.data(), e.partitionKey(), e.explicitHashKey());
            }
        }
        StreamRef ref = StreamConstraints.stream(v, ctx, request.streamName(), request.streamARN());
        int maxRecordBytes = writer.maxRecordBytes(ref);
        long total = 0;
        List<PutEntry> entries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            PutRecordsRequestEntry e = records.get(i);
            if (e.data().length > maxRecordBytes) {
                throw AwsErrorType.VALIDATION.exception("1 validation error detected: Value at 'records." + (i + 1)
                        + ".member.data' failed to satisfy constraint: Member must have length less than or equal to "
                        + maxRecordBytes);
            }
            int size = e.data().length + e.partitionKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
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
        List<PutOutcome> outcomes = writer.putAll(ref, entries);
        int failed = (int) outcomes.stream().filter(PutOutcome::isFailure).count();
        return new PutRecordsResponse(
                failed,
                outcomes.stream()
                        .map(o -> new PutRecordsResultEntry(
                                o.sequenceNumber(), o.shardId(), o.errorCode(), o.errorMessage()))
                        .toList(),
                encryptionType(outcomes.stream().anyMatch(PutOutcome::encrypted)));
    }

    /** The EncryptionType that put responses report: KMS when the records were stored encrypted. */
    private static String encryptionType(boolean encrypted) {
        return encrypted ? "KMS" : "NONE";
    }

    private static void entry(Validation v, String prefix, byte[] data, String partitionKey, String hashKey) {
        if (v.required(prefix + "data", data)) {
            v.length(prefix + "data", data, 0, MAX_DATA_BYTES);
        }
        if (v.required(prefix + "partitionKey", partitionKey)) {
            v.length(prefix + "partitionKey", partitionKey, 1, 256);
        }
        v.pattern(prefix + "explicitHashKey", hashKey, StreamConstraints.HASH_KEY);
    }

    private static BigInteger hashKey(String explicitHashKey) {
        if (explicitHashKey == null) {
            return null;
        }
        BigInteger value = new BigInteger(explicitHashKey);
        if (value.compareTo(HashKeyRange.MAX_HASH_KEY) > 0) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid ExplicitHashKey. ExplicitHashKey must be in the "
                    + "range: [0, 340282366920938463463374607431768211455]. Specified value was " + explicitHashKey);
        }
        return value;
    }

    private GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        if (v.required("shardId", request.shardId())) {
            v.length("shardId", request.shardId(), 1, 128)
                    .pattern("shardId", request.shardId(), StreamConstraints.SHARD_ID);
        }
        if (v.required("shardIteratorType", request.shardIteratorType())) {
            v.oneOf("shardIteratorType", request.shardIteratorType(), ITERATOR_TYPES);
        }
        v.pattern("startingSequenceNumber", request.startingSequenceNumber(), StreamConstraints.SEQUENCE_NUMBER);
        StreamRef ref = StreamConstraints.stream(v, ctx, request.streamName(), request.streamARN());
        String iterator = iterators.shardIterator(
                ref,
                request.shardId(),
                IteratorType.valueOf(request.shardIteratorType()),
                request.startingSequenceNumber(),
                request.timestamp());
        return new GetShardIteratorResponse(iterator);
    }

    private GetRecordsResponse getRecords(GetRecordsRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        if (v.required("shardIterator", request.shardIterator())) {
            v.length("shardIterator", request.shardIterator(), 1, 512);
        }
        v.range("limit", request.limit(), 1, 10_000);
        StreamConstraints.streamArn(v, request.streamARN());
        v.throwIfInvalid();
        RecordBatch batch = reader.records(request.shardIterator(), request.limit() == null ? 10_000 : request.limit());
        return new GetRecordsResponse(
                batch.records().stream()
                        .map(r -> new KinesisRecord(
                                r.sequenceNumber(),
                                r.approximateArrivalTimestamp(),
                                r.data(),
                                r.partitionKey(),
                                r.encrypted() ? "KMS" : null))
                        .toList(),
                batch.nextShardIterator(),
                batch.millisBehindLatest(),
                batch.childShards() == null
                        ? null
                        : batch.childShards().stream()
                                .map(RecordActions::childShard)
                                .toList());
    }

    static ChildShard childShard(ShardView child) {
        List<String> parents = new ArrayList<>();
        if (child.parentIndex() != null) {
            parents.add(ShardIds.format(child.parentIndex()));
        }
        if (child.adjacentParentIndex() != null) {
            parents.add(ShardIds.format(child.adjacentParentIndex()));
        }
        return new ChildShard(
                child.shardId(),
                parents,
                new StreamShapes.HashKeyRange(
                        child.hashKeyRange().start().toString(),
                        child.hashKeyRange().end().toString()));
    }
}
