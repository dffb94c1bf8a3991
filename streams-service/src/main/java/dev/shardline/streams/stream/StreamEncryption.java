package dev.shardline.streams.stream;

import dev.shardline.keys.KeyScope;
import dev.shardline.keys.KeyService;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * StartStreamEncryption and StopStreamEncryption: the stream takes its new setting and turns UPDATING. The update is
 * finished by the {@link ReshardExecutor}, as a resharding without new shards: it waits until no instance can still
 * write by its cached copy of the stream, then makes the stream ACTIVE. So, as in AWS, every record put after the
 * stream is ACTIVE again is encrypted (or, after a stop, not); a crash meanwhile is finished at startup the same way.
 */
@Service
public class StreamEncryption {

    private static final Logger log = LoggerFactory.getLogger(StreamEncryption.class);

    private final StreamRepository streams;
    private final KeyService keys;
    private final ReshardExecutor executor;
    private final Clock clock;

    StreamEncryption(StreamRepository streams, KeyService keys, ReshardExecutor executor, Clock clock) {
        this.streams = streams;
        this.keys = keys;
        this.executor = executor;
        this.clock = clock;
    }

    /** Encrypts the records put from now on under the key that {@code keyId} names in the stream's account. */
    @Transactional
    public void start(StreamRef ref, String keyId) {
        KinesisStream stream = load(ref);
        stream.changeEncryption(EncryptionType.KMS, keyId, clock.instant());
        // After the state check, so a busy stream costs no KMS call; a refused key rolls the change back.
        keys.describe(new KeyScope(ref.accountId(), ref.region()), keyId).requireUsable();
        log.info("Stream {} starts encrypting with KMS key {}", ref.name(), keyId);
        finishAfterCommit(stream.id());
    }

    /** Stores the records put from now on unencrypted; records already encrypted stay readable. */
    @Transactional
    public void stop(StreamRef ref) {
        KinesisStream stream = load(ref);
        stream.changeEncryption(EncryptionType.NONE, null, clock.instant());
        log.info("Stream {} stops encrypting", ref.name());
        finishAfterCommit(stream.id());
    }

    private void finishAfterCommit(UUID id) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                executor.start(id);
            }
        });
    }

    private KinesisStream load(StreamRef ref) {
        return streams.lockByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> StreamErrors.notFound(ref));
    }
}
