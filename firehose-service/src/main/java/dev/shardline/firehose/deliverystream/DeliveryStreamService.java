package dev.shardline.firehose.deliverystream;

import dev.shardline.firehose.FirehoseProperties;
import dev.shardline.firehose.delivery.DeliveryStreamErrors;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamStatus;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Destination;
import dev.shardline.firehose.delivery.Encryption;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.platform.error.AwsErrorType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The delivery stream control plane, shared by the AWS endpoint and the REST API. */
@Service
public class DeliveryStreamService {

    private final DeliveryStreamRepository streams;
    private final DeliveryStreamLifecycle lifecycle;
    private final FirehoseProperties properties;
    private final ConfiguredHosts hosts;
    private final Clock clock;

    DeliveryStreamService(
            DeliveryStreamRepository streams,
            DeliveryStreamLifecycle lifecycle,
            FirehoseProperties properties,
            ConfiguredHosts hosts,
            Clock clock) {
        this.streams = streams;
        this.lifecycle = lifecycle;
        this.properties = properties;
        this.hosts = hosts;
        this.clock = clock;
    }

    /** A page of delivery stream names in name order. */
    public record DeliveryStreamPage(List<DeliveryStreamView> streams, boolean hasMore) {}

    @Transactional
    public DeliveryStreamView create(DeliveryStreamRef ref, Source source, Destination destination) {
        return create(ref, source, destination, Map.of(), null);
    }

    /**
     * CreateDeliveryStream with its Tags and DeliveryStreamEncryptionConfigurationInput ({@code encryption} null when
     * absent); the KMS key is checked with {@code checkKey} before anything is written.
     */
    @Transactional
    public DeliveryStreamView create(
            DeliveryStreamRef ref,
            Source source,
            Destination destination,
            Map<String, String> tags,
            Encryption encryption) {
        hosts.check(destination);
        if (streams.findByRef(ref.accountId(), ref.region(), ref.name()).isPresent()) {
            throw DeliveryStreamErrors.alreadyExists(ref);
        }
        if (streams.countByAccount(ref.accountId(), ref.region()) >= properties.deliveryStreamLimit()) {
            throw AwsErrorType.LIMIT_EXCEEDED.exception("You have already consumed your Firehose stream quota of "
                    + properties.deliveryStreamLimit() + " streams in account " + ref.accountId() + ".");
        }
        DeliveryStream stream =
                DeliveryStream.create(ref, source, destination, properties.topicPrefix(), clock.instant());
        stream.tag(tags);
        if (encryption != null && encryption.encryptsRecords()) {
            stream.startEncryption(encryption.keyType(), encryption.keyArn(), clock.instant());
        }
        try {
            streams.saveAndFlush(stream);
        } catch (DataIntegrityViolationException raced) {
            throw DeliveryStreamErrors.alreadyExists(ref);
        }
        lifecycle.activateAfterCommit(stream.id());
        return stream.view();
    }

    @Transactional
    public void delete(DeliveryStreamRef ref) {
        // Locked: a concurrent change waits and then finds the stream DELETING, as AWS serialises them.
        DeliveryStream stream = streams.lockByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> DeliveryStreamErrors.notFound(ref));
        stream.beginDelete(clock.instant());
        lifecycle.deleteAfterCommit(stream.id());
    }

    @Transactional(readOnly = true)
    public DeliveryStreamView describe(DeliveryStreamRef ref) {
        return find(ref).view();
    }

    /** The delivery stream that a PutRecord names, refusing one that is not ACTIVE. */
    @Transactional(readOnly = true)
    public DeliveryStreamView acceptingRecords(DeliveryStreamRef ref) {
        DeliveryStream stream = find(ref);
        stream.checkAcceptsRecords();
        return stream.view();
    }

    @Transactional(readOnly = true)
    public DeliveryStreamPage list(String accountId, String region, String after, int limit) {
        return list(accountId, region, null, after, limit);
    }

    /** A page of the delivery streams of one DeliveryStreamType ({@code type}), or of every type when null. */
    @Transactional(readOnly = true)
    public DeliveryStreamPage list(String accountId, String region, String type, String after, int limit) {
        String from = after == null ? "" : after;
        List<DeliveryStream> page = type == null
                ? streams.findPage(accountId, region, from, Limit.of(limit + 1))
                : streams.findPageOfType(accountId, region, type, from, Limit.of(limit + 1));
        boolean hasMore = page.size() > limit;
        return new DeliveryStreamPage(
                page.stream().limit(limit).map(DeliveryStream::view).toList(), hasMore);
    }

    /** Every ACTIVE delivery stream of every account: the ones that need a delivery worker. */
    @Transactional(readOnly = true)
    public List<DeliveryStreamView> active() {
        return streams.findByStatus(DeliveryStreamStatus.ACTIVE).stream()
                .map(DeliveryStream::view)
                .toList();
    }

    private DeliveryStream find(DeliveryStreamRef ref) {
        return streams.findByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> DeliveryStreamErrors.notFound(ref));
    }
}
