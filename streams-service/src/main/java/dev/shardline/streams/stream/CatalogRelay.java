package dev.shardline.streams.stream;

import dev.shardline.kinesis.catalog.CatalogTopic;
import dev.shardline.platform.kafka.AcknowledgedSends;
import dev.shardline.platform.kafka.AcknowledgedSends.Ack;
import dev.shardline.streams.kafka.StreamTopics;
import dev.shardline.streams.kafka.StreamsKafka;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the catalogue outbox to {@link CatalogTopic}: oldest row first, each batch acknowledged by the broker
 * before its rows are deleted, in one transaction that holds a PostgreSQL advisory lock, so that of all instances of
 * the service one relays at a time and one stream's entries reach the topic in the order of its commits. A failed batch
 * stays in the outbox and goes out again (an entry published twice is harmless: the topic keeps a stream's last one).
 * Runs right after each commit that wrote a row, and every few seconds for rows another instance left behind.
 */
@Component
class CatalogRelay {

    private static final Logger log = LoggerFactory.getLogger(CatalogRelay.class);
    /** The advisory lock of the relay, the same number in every instance ("SHLCATLG"). */
    private static final long LOCK = 0x53484C4341544C47L;

    private static final int BATCH = 500;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BACKSTOP_INTERVAL = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final StreamsKafka kafka;
    private final StreamTopics topics;
    private final ReentrantLock relaying = new ReentrantLock();
    private final ScheduledExecutorService backstop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "stream-catalog-relay");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean topicReady;

    CatalogRelay(DataSource dataSource, TransactionTemplate transactions, StreamsKafka kafka, StreamTopics topics) {
        this.jdbc = JdbcClient.create(dataSource);
        // Called from afterCommit, where the finished transaction's resources are still bound: a new one is needed.
        this.ownTransaction = new TransactionTemplate(transactions.getTransactionManager());
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.kafka = kafka;
        this.topics = topics;
    }

    /** Relays every few seconds from now on, besides after each commit. */
    void startBackstop() {
        backstop.scheduleWithFixedDelay(
                this::publishPending,
                BACKSTOP_INTERVAL.toMillis(),
                BACKSTOP_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Publishes what is in the outbox now; returns false, and leaves it there for the next try, if the broker or the
     * database failed.
     */
    boolean publishPending() {
        relaying.lock();
        try {
            ensureTopic();
            while (relayBatch() == BATCH) {
                // a full batch: there may be more
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("Publishing the stream catalogue outbox failed; it stays in the outbox for the next try", e);
            return false;
        } finally {
            relaying.unlock();
        }
    }

    private void ensureTopic() {
        if (!topicReady) {
            topics.createCatalog(CatalogTopic.NAME, CatalogTopic.PARTITIONS, CatalogTopic.CONFIGS);
            topicReady = true;
        }
    }

    private int relayBatch() {
        Integer relayed = ownTransaction.execute(tx -> {
            jdbc.sql("set local lock_timeout = '10s'").update();
            jdbc.sql("select 1 from pg_advisory_xact_lock(?)")
                    .param(LOCK)
                    .query(Integer.class)
                    .single();
            List<OutboxRow> rows = jdbc.sql(
                            "select id, stream_arn, entry from streams.catalog_outbox order by id limit ?")
                    .param(BATCH)
                    .query(OutboxRow.class)
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<ProducerRecord<byte[], byte[]>> records = rows.stream()
                    .map(row -> new ProducerRecord<>(
                            CatalogTopic.NAME,
                            CatalogTopic.key(row.streamArn()),
                            row.entry() == null ? null : row.entry().getBytes(StandardCharsets.UTF_8)))
                    .toList();
            List<Ack> acks = AcknowledgedSends.sendAll(kafka.producer(), records, SEND_TIMEOUT);
            for (Ack ack : acks) {
                if (!ack.acknowledged()) {
                    throw new IllegalStateException("The broker did not acknowledge a catalogue entry", ack.failure());
                }
            }
            jdbc.sql("delete from streams.catalog_outbox where id in (:ids)")
                    .param("ids", rows.stream().map(OutboxRow::id).toList())
                    .update();
            log.debug("Published {} stream catalogue entries", rows.size());
            return rows.size();
        });
        return relayed == null ? 0 : relayed;
    }

    record OutboxRow(long id, String streamArn, String entry) {}

    @PreDestroy
    void stop() {
        backstop.shutdownNow();
    }
}
