package dev.shardline.streams.stream;

import dev.shardline.kinesis.catalog.CatalogTopic;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a stream's catalogue entry into the outbox whenever Hibernate writes the stream's row: created, any change of
 * its status, shards (a version increment) or key, deleted (a tombstone). As a JPA entity listener it runs in the flush
 * of the changing transaction, on its connection, after the row was written: the entry is committed with the change
 * or not at all, and one stream's entries are ordered as its commits are (a change holds the stream's row lock). Once
 * the transaction commits, the {@link CatalogRelay} publishes them before the call that made the change returns.
 */
@Component
class CatalogOutbox {

    private final JdbcClient jdbc;
    // Looked up when first needed: Hibernate makes its entity listeners while the relay's transaction manager waits for
    // it.
    private final ObjectProvider<CatalogRelay> relay;

    CatalogOutbox(DataSource dataSource, ObjectProvider<CatalogRelay> relay) {
        this.jdbc = JdbcClient.create(dataSource);
        this.relay = relay;
    }

    @PostPersist
    @PostUpdate
    void changed(KinesisStream stream) {
        byte[] entry = CatalogTopic.write(KinesisStreamCatalog.entryOf(StreamView.of(stream)));
        insert(stream.ref().arn(), new String(entry, StandardCharsets.UTF_8));
    }

    @PostRemove
    void removed(KinesisStream stream) {
        insert(stream.ref().arn(), null);
    }

    private void insert(String arn, String entry) {
        jdbc.sql("insert into streams.catalog_outbox (stream_arn, entry) values (?, ?)")
                .params(arn, entry)
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.getObject().publishPending();
                }
            });
        }
    }
}
