package dev.shardline.streams.record;

import dev.shardline.kinesis.SequenceNumber;
import dev.shardline.kinesis.ShardIds;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.streams.kafka.StreamsKafka;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamDirectory;
import dev.shardline.streams.stream.StreamErrors;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamView;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Service;

/** GetShardIterator: turns a position (TRIM_HORIZON, LATEST, a sequence number, a time) into an offset. */
@Service
public class ShardIteratorService {

    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private final StreamDirectory directory;
    private final ShardIterators iterators;
    private final Admin admin;
    private final Clock clock;

    ShardIteratorService(StreamDirectory directory, ShardIterators iterators, StreamsKafka kafka, Clock clock) {
        this.directory = directory;
        this.iterators = iterators;
        this.admin = kafka.admin();
        this.clock = clock;
    }

    /** Where a starting position points: the stream as it is now, the shard, and the offset to read next. */
    record StartingPoint(StreamView stream, ShardView shard, long offset) {}

    public String shardIterator(
            StreamRef ref, String shardId, IteratorType type, String startingSequenceNumber, Instant timestamp) {
        StartingPoint start = resolve(ref, shardId, type, startingSequenceNumber, timestamp);
        return iterators.issue(start.stream().id(), start.shard().index(), start.offset());
    }

    /**
     * The offset a position resolves to, with GetShardIterator's errors. SubscribeToShard starts here directly, with
     * no iterator sealed in between.
     */
    StartingPoint resolve(
            StreamRef ref, String shardId, IteratorType type, String startingSequenceNumber, Instant timestamp) {
        // AWS's order: the shard id is read before the stream is looked up, and an unknown stream is reported as the
        // shard not existing; then the starting position's arguments.
        int index = ShardIds.parse(shardId)
                .orElseThrow(() -> AwsErrorType.RESOURCE_NOT_FOUND.exception("Could not find shard " + shardId
                        + " in stream " + ref.name() + " under account " + ref.accountId() + "."));
        String named = ShardIds.format(index);
        StreamView stream = directory
                .find(ref)
                .filter(StreamView::acceptsData)
                .orElseThrow(() -> StreamErrors.shardNotFound(ref, named));
        ShardView shard = stream.shard(index).orElseThrow(() -> StreamErrors.shardNotFound(ref, named));
        checkStartingSequenceNumber(type, startingSequenceNumber);
        TopicPartition partition = new TopicPartition(stream.topic(), shard.index());
        long offset = switch (type) {
            case TRIM_HORIZON -> trimHorizon(partition, stream);
            case LATEST -> offset(partition, OffsetSpec.latest());
            case AT_TIMESTAMP -> atTimestamp(partition, timestamp);
            case AT_SEQUENCE_NUMBER -> atSequenceNumber(ref, partition, shard, startingSequenceNumber);
            case AFTER_SEQUENCE_NUMBER -> afterSequenceNumber(ref, partition, shard, startingSequenceNumber);
        };
        return new StartingPoint(stream, shard, offset);
    }

    /** A sequence number goes with AT_ and AFTER_SEQUENCE_NUMBER, and with them only. */
    private static void checkStartingSequenceNumber(IteratorType type, String sequenceNumber) {
        boolean needsOne = type == IteratorType.AT_SEQUENCE_NUMBER || type == IteratorType.AFTER_SEQUENCE_NUMBER;
        boolean refusesOne = type == IteratorType.TRIM_HORIZON || type == IteratorType.LATEST;
        if ((needsOne && sequenceNumber == null) || (refusesOne && sequenceNumber != null)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Must either specify (1) AT_SEQUENCE_NUMBER or "
                    + "AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no "
                    + "StartingSequenceNumber. Request specified " + type
                    + (needsOne ? " and no StartingSequenceNumber." : " and also a StartingSequenceNumber."));
        }
    }

    /**
     * AWS's checks, in its order: the number must decode in one of AWS's layouts, encode this shard, and come from it
     * (Shardline's layout, the shard's creation time); then it must be a number Shardline issued, in the shard's log.
     */
    private long atSequenceNumber(StreamRef ref, TopicPartition partition, ShardView shard, String sequenceNumber) {
        String used = "StartingSequenceNumber " + sequenceNumber + " used in GetShardIterator on shard "
                + shard.shardId() + " in stream " + ref.name() + " under account " + ref.accountId() + " is invalid";
        SequenceNumber.Decoded encoded = SequenceNumber.decode(sequenceNumber)
                .orElseThrow(() -> AwsErrorType.INVALID_ARGUMENT.exception(used + "."));
        if (encoded.shardIndex() != shard.index()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid StartingSequenceNumber. It encodes "
                    + encoded.shardId() + ", while it was used in a call to a shard with " + shard.shardId());
        }
        if (encoded.version() != 2
                || encoded.shardCreationSeconds() != shard.createdAt().getEpochSecond()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(used + " because it did not come from this stream.");
        }
        SequenceNumber decoded = SequenceNumber.parse(sequenceNumber)
                .orElseThrow(() -> AwsErrorType.INVALID_ARGUMENT.exception(used + "."));
        long latest = offset(partition, OffsetSpec.latest());
        if (decoded.offset() > latest) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("StartingSequenceNumber " + sequenceNumber
                    + " used in GetShardIterator on shard " + shard.shardId() + " does not exist in this shard.");
        }
        return decoded.offset();
    }

    /** The offset after a sequence number's; the shard's starting number is before offset 0, not at it. */
    private long afterSequenceNumber(StreamRef ref, TopicPartition partition, ShardView shard, String sequenceNumber) {
        long at = atSequenceNumber(ref, partition, shard, sequenceNumber);
        if (shard.isStartingSequenceNumber(SequenceNumber.parse(sequenceNumber).orElseThrow())) {
            return at;
        }
        // Never past the end: Kafka would treat that as out of range and reset to the shard's start.
        return Math.min(at + 1, offset(partition, OffsetSpec.latest()));
    }

    private long atTimestamp(TopicPartition partition, Instant timestamp) {
        if (timestamp == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Must specify timestampInMillis parameter for iterator of "
                    + "type AT_TIMESTAMP. Current request has no timestamp parameter.");
        }
        if (timestamp.isAfter(clock.instant())) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("The timestampInMillis parameter cannot be greater than "
                    + "the currentTimestampInMillis. timestampInMillis: " + timestamp.toEpochMilli()
                    + ", currentTimestampInMillis: " + clock.millis());
        }
        long offset = offset(partition, OffsetSpec.forTimestamp(timestamp.toEpochMilli()));
        return offset >= 0 ? offset : offset(partition, OffsetSpec.latest());
    }

    /**
     * The oldest record within the retention period. Kafka deletes expired records a segment at a time, so the log
     * may still start before it.
     */
    private long trimHorizon(TopicPartition partition, StreamView stream) {
        long earliest = offset(partition, OffsetSpec.earliest());
        long retained = offset(
                partition,
                OffsetSpec.forTimestamp(RetentionWindow.cutoff(stream, clock).toEpochMilli()));
        return retained >= 0 ? Math.max(earliest, retained) : offset(partition, OffsetSpec.latest());
    }

    private long offset(TopicPartition partition, OffsetSpec spec) {
        try {
            ListOffsetsResult.ListOffsetsResultInfo info = admin.listOffsets(Map.of(partition, spec))
                    .partitionResult(partition)
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return info.offset();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not look up offsets of " + partition, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted looking up offsets of " + partition, e);
        }
    }
}
