package dev.shardline.firehose.deliverystream;

import dev.shardline.firehose.FirehoseProperties;
import dev.shardline.firehose.delivery.DeliveryStreamErrors;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamStatus;
import dev.shardline.firehose.delivery.Encryption;
import dev.shardline.keys.KeyScope;
import dev.shardline.keys.KeyService;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.platform.lifecycle.BackgroundSteps;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * StartDeliveryStreamEncryption and StopDeliveryStreamEncryption: the stream turns ENABLING (or DISABLING) at once,
 * records are sealed from then on (or no longer), and the status settles to ENABLED (DISABLED) in the background.
 */
@Service
public class DeliveryStreamEncryption {

    private static final Logger log = LoggerFactory.getLogger(DeliveryStreamEncryption.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final DeliveryStreamRepository streams;
    private final KeyService keys;
    private final TransactionTemplate transactions;
    private final FirehoseProperties properties;
    private final Clock clock;
    private final BackgroundSteps steps = new BackgroundSteps("delivery-stream-encryption", RETRY_DELAY, log);

    // Five: the row (repository, transactions), the key service, and its step's time and pace.
    DeliveryStreamEncryption(
            DeliveryStreamRepository streams,
            KeyService keys,
            TransactionTemplate transactions,
            FirehoseProperties properties,
            Clock clock) {
        this.streams = streams;
        this.keys = keys;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public void start(DeliveryStreamRef ref, String keyType, String keyArn) {
        DeliveryStream stream = locked(ref);
        stream.startEncryption(keyType, keyArn, clock.instant());
        // After the state checks, so a refused stream costs no KMS call; a refused key rolls the change back.
        checkKey(ref, stream.encryption().keyId());
        log.info(
                "Delivery stream {} starts encrypting with {}",
                ref.name(),
                stream.encryption().keyId());
        settleAfterCommit(stream.id());
    }

    @Transactional
    public void stop(DeliveryStreamRef ref) {
        DeliveryStream stream = locked(ref);
        stream.stopEncryption(clock.instant());
        log.info("Delivery stream {} stops encrypting", ref.name());
        settleAfterCommit(stream.id());
    }

    /** CreateDeliveryStream's key check, before the stream exists. */
    public void checkKey(DeliveryStreamRef ref, Encryption encryption) {
        checkKey(ref, encryption.keyId());
    }

    /** Refuses a key that cannot encrypt as AWS Firehose does: InvalidKMSResourceException with KMS's reason. */
    private void checkKey(DeliveryStreamRef ref, String keyId) {
        try {
            keys.describe(new KeyScope(ref.accountId(), ref.region()), keyId).requireUsable();
        } catch (AwsException e) {
            if (e.errorType().type().startsWith("KMS")) {
                throw AwsErrorType.INVALID_KMS_RESOURCE.exception(
                        "Firehose " + ref.name() + " cannot use KMS key " + keyId + ": " + e.getMessage());
            }
            throw e;
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnsettled() {
        streams.findByEncryptionStatusIn(List.of(Encryption.Status.ENABLING, Encryption.Status.DISABLING))
                .forEach(s -> steps.schedule(() -> settle(s.id()), Duration.ZERO));
    }

    private void settleAfterCommit(UUID id) {
        steps.scheduleAfterCommit(() -> settle(id), properties.stateTransitionDelay());
    }

    private void settle(UUID id) {
        transactions.executeWithoutResult(tx -> streams.lockById(id)
                .filter(s -> s.status() == DeliveryStreamStatus.ACTIVE)
                .ifPresent(s -> {
                    if (s.settleEncryption(clock.instant())) {
                        log.info(
                                "Delivery stream {} encryption is {}",
                                s.name(),
                                s.encryption().status());
                    }
                }));
    }

    private DeliveryStream locked(DeliveryStreamRef ref) {
        return streams.lockByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> DeliveryStreamErrors.notFound(ref));
    }

    @PreDestroy
    void close() {
        steps.close();
    }
}
