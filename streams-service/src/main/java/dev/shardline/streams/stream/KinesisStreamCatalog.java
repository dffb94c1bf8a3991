package dev.shardline.streams.stream;

import dev.shardline.kinesis.StreamArn;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The streams service's side of the stream catalogue that other services read (Firehose with a Kinesis source, an
 * analytics application's {@code kinesis} connector): what a stream's entry says, built from PostgreSQL ({@link
 * #entryOf}), which {@link CatalogOutbox} publishes on each change; and, at start, every stream's entry published once
 * more, so a catalogue topic that lost entries (or predates a stream) is whole again. The readers themselves read the
 * topic, never these tables ({@code dev.shardline.kinesis.catalog.KafkaStreamCatalog}).
 */
@Component
class KinesisStreamCatalog {

    private static final Logger log = LoggerFactory.getLogger(KinesisStreamCatalog.class);

    private final StreamRepository streams;
    private final CatalogOutbox outbox;
    private final CatalogRelay relay;
    private final TransactionTemplate transactions;

    KinesisStreamCatalog(
            StreamRepository streams, CatalogOutbox outbox, CatalogRelay relay, TransactionTemplate transactions) {
        this.streams = streams;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
    }

    /** The entry of the stream that {@code streamArn} names, as PostgreSQL has it now. */
    @Transactional(readOnly = true)
    public Optional<CatalogStream> find(String streamArn) {
        return StreamArn.tryParse(streamArn)
                .flatMap(arn -> streams.findByRef(arn.accountId(), arn.region(), arn.streamName()))
                .map(StreamView::of)
                .map(KinesisStreamCatalog::entryOf);
    }

    /** A stream's catalogue entry: its topic, status, whole shard map with lineage, and the key records are put under. */
    static CatalogStream entryOf(StreamView view) {
        return new CatalogStream(
                view.ref().arn(),
                view.topic(),
                view.status().name(),
                view.shards().stream().map(KinesisStreamCatalog::catalogShard).toList(),
                view.encryptionType() == EncryptionType.KMS ? view.keyId() : null);
    }

    private static CatalogShard catalogShard(ShardView shard) {
        List<Integer> parents = Stream.of(shard.parentIndex(), shard.adjacentParentIndex())
                .filter(Objects::nonNull)
                .toList();
        // A closed shard's end counts only once fixed; before that, late writes by the old map may still land.
        Long end = shard.isOpen() ? null : shard.endingOffset();
        return new CatalogShard(
                shard.shardId(), shard.index(), shard.createdAt(), parents, end, shard.hashKeyRange(), shard.isOpen());
    }

    /** At start: every stream's entry published once more, then the relay keeps going. */
    @EventListener(ApplicationReadyEvent.class)
    void publishAll() {
        int streamCount = enqueueAll();
        relay.publishPending();
        relay.startBackstop();
        log.info("Stream catalogue: published the entries of {} streams on startup", streamCount);
    }

    /**
     * Puts every stream's current entry in the outbox, each under the stream's row lock, so that it lands after any
     * change committed before it and before any committed after. Idempotent: an entry published again changes nothing
     * for a reader.
     */
    int enqueueAll() {
        List<UUID> ids = streams.findAll().stream().map(KinesisStream::id).toList();
        for (UUID id : ids) {
            transactions.executeWithoutResult(tx -> streams.lockById(id).ifPresent(outbox::changed));
        }
        return ids.size();
    }
}
