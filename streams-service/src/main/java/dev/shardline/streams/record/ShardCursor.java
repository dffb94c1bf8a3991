package dev.shardline.streams.record;

import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamView;
import java.util.List;

/**
 * A reader that follows one shard from a position, as a SubscribeToShard subscription does: each {@link #next()} returns
 * the records that arrived since the last, waiting up to {@code get-records-max-wait} when there are none. Not
 * thread-safe: one subscription owns it.
 */
public final class ShardCursor {

    private final ShardCursors reader;
    private final StreamView stream;
    private final ShardView shard;
    private long nextOffset;
    private String continuationSequenceNumber;

    ShardCursor(ShardCursors reader, StreamView stream, ShardView shard, long offset) {
        this.reader = reader;
        this.stream = stream;
        this.shard = shard;
        this.nextOffset = offset;
        this.continuationSequenceNumber = before(offset);
    }

    /**
     * What one read found.
     *
     * @param continuationSequenceNumber where a new subscription resumes with AFTER_SEQUENCE_NUMBER: the last record
     *     read so far, or the position before the next one when none was read
     */
    public record Page(
            List<StoredRecord> records,
            String continuationSequenceNumber,
            long millisBehindLatest,
            List<ShardView> childShards) {

        /** The shard is closed and read to its end: the subscription hands over to these children. */
        public boolean endOfShard() {
            return childShards != null;
        }
    }

    public Page next() {
        return reader.read(this);
    }

    public String shardId() {
        return shard.shardId();
    }

    public int shardIndex() {
        return shard.index();
    }

    StreamView stream() {
        return stream;
    }

    ShardView shard() {
        return shard;
    }

    long nextOffset() {
        return nextOffset;
    }

    Page advance(List<StoredRecord> records, long newNextOffset, long millisBehindLatest) {
        if (!records.isEmpty()) {
            continuationSequenceNumber = records.get(records.size() - 1).sequenceNumber();
        } else if (newNextOffset != nextOffset) {
            // Retention moved the shard's start past the position.
            continuationSequenceNumber = before(newNextOffset);
        }
        nextOffset = newNextOffset;
        return new Page(records, continuationSequenceNumber, millisBehindLatest, null);
    }

    Page end(List<StoredRecord> records, List<ShardView> children) {
        return new Page(records, null, 0, children);
    }

    /**
     * A sequence number that decodes to the offset before {@code offset}; only its offset matters to a reader, so the
     * arrival time in it is the shard's creation. Offset 0 has none before it: the shard's starting sequence number
     * stands in, and {@link ShardCursors#open} resumes after it at offset 0.
     */
    private String before(long offset) {
        return offset == 0
                ? shard.startingSequenceNumber().toString()
                : shard.sequenceNumber(offset - 1, shard.createdAt()).toString();
    }
}
