package dev.shardline.firehose.deliverystream;

import static dev.shardline.firehose.delivery.DeliveryStreamStatus.ACTIVE;
import static dev.shardline.firehose.delivery.DeliveryStreamStatus.CREATING;
import static dev.shardline.firehose.delivery.DeliveryStreamStatus.DELETING;

import dev.shardline.firehose.delivery.DeliveryStreamErrors;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamStatus;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Destination;
import dev.shardline.firehose.delivery.Encryption;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.lifecycle.StateMachine;
import dev.shardline.platform.tag.TagLimit;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.annotations.OptimisticLock;

/** A Firehose delivery stream: the aggregate that refuses illegal state changes. */
@Entity
@Table(schema = "firehose", name = "delivery_stream")
class DeliveryStream {

    /** AWS's limit of tags per delivery stream. */
    static final TagLimit TAG_LIMIT = TagLimit.AWS_DEFAULT;

    /** CREATING becomes ACTIVE; an ACTIVE stream is deleted, and a DELETING one's deletion may be repeated. */
    static final StateMachine<DeliveryStreamStatus> LIFECYCLE = StateMachine.of(DeliveryStreamStatus.class)
            .allow(CREATING, ACTIVE)
            .allow(ACTIVE, DELETING)
            .allow(DELETING, DELETING)
            .build();

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(nullable = false)
    private String region;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeliveryStreamStatus status;

    @Column(name = "stream_type", nullable = false)
    private String type;

    @Column(name = "version_id", nullable = false)
    private long versionId;

    @Column(nullable = false)
    private String topic;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Convert(converter = DeliveryConfigJson.SourceConverter.class)
    @Column(name = "source_config", nullable = false)
    private Source source;

    @Convert(converter = DeliveryConfigJson.DestinationConverter.class)
    @Column(name = "destination_config", nullable = false)
    private Destination destination;

    @Enumerated(EnumType.STRING)
    @Column(name = "encryption_status", nullable = false)
    private Encryption.Status encryptionStatus = Encryption.Status.DISABLED;

    @Column(name = "encryption_key_type")
    private String encryptionKeyType;

    @Column(name = "encryption_key_arn")
    private String encryptionKeyArn;

    @ElementCollection
    @CollectionTable(
            schema = "firehose",
            name = "delivery_stream_tag",
            joinColumns = @JoinColumn(name = "delivery_stream_id"))
    @MapKeyColumn(name = "tag_key")
    @Column(name = "tag_value", nullable = false)
    @OptimisticLock(excluded = true) // tags change under the row lock; a tag call need not fail an activation
    private Map<String, String> tags = new HashMap<>();

    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected DeliveryStream() {}

    /** A new delivery stream in CREATING, version 1. */
    static DeliveryStream create(
            DeliveryStreamRef ref, Source source, Destination destination, String topicPrefix, Instant now) {
        DeliveryStream stream = new DeliveryStream();
        stream.id = UUID.randomUUID();
        stream.accountId = ref.accountId();
        stream.region = ref.region();
        stream.name = ref.name();
        stream.status = CREATING;
        stream.type = source.deliveryStreamType();
        stream.versionId = 1;
        stream.topic = topicPrefix + stream.id;
        stream.createdAt = now;
        stream.updatedAt = now;
        stream.source = source;
        stream.destination = destination;
        return stream;
    }

    /** CREATING becomes ACTIVE once its buffer topic exists (or its source's start position is committed). */
    void markActive(Instant now) {
        status = LIFECYCLE.move(status, ACTIVE, (from, to) -> DeliveryStreamErrors.notInState(ref(), from, "CREATING"));
        source = source.startingAt(now);
        settleEncryption(now);
        updatedAt = now;
    }

    /** AWS deletes ACTIVE delivery streams (and repeats a DELETING one's deletion), never CREATING ones. */
    void beginDelete(Instant now) {
        status = LIFECYCLE.move(status, DELETING, (from, to) -> DeliveryStreamErrors.notInState(ref(), from, "ACTIVE"));
        updatedAt = now;
    }

    /**
     * UpdateDestination's preconditions, in AWS's order: the stream is ACTIVE, the caller saw its current version, and
     * the destination id is the stream's one.
     */
    void checkDestinationUpdate(String currentVersionId, String destinationId) {
        StateMachine.require(
                status, (current, allowed) -> DeliveryStreamErrors.notInState(ref(), current, "ACTIVE"), ACTIVE);
        if (!new BigInteger(currentVersionId).equals(BigInteger.valueOf(versionId))) {
            throw AwsErrorType.CONCURRENT_MODIFICATION.exception("Another modification has already happened. Fetch "
                    + "VersionId again and use it to update the destination. (CurrentDeliveryStreamVersionId "
                    + currentVersionId + ", VersionId of Firehose " + name + " is " + versionId + ".)");
        }
        if (!DeliveryStreamView.DESTINATION_ID.equals(destinationId)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Destination Id " + destinationId + " not found in Firehose "
                    + name + "; its destination is " + DeliveryStreamView.DESTINATION_ID + ".");
        }
    }

    /** UpdateDestination: the merged destination replaces the current one under a new version. */
    void replaceDestination(Destination merged, Instant now) {
        destination = merged;
        versionId++;
        updatedAt = now;
    }

    /** Adds or overwrites tags; AWS's limit of 50 tags per stream holds for the result. */
    void tag(Map<String, String> added) {
        TAG_LIMIT.check(
                tags.keySet(),
                added,
                () -> AwsErrorType.LIMIT_EXCEEDED.exception("Firehose " + name + " under account " + accountId
                        + " has " + tags.size() + " tags; adding these would exceed the limit of " + TAG_LIMIT.max()
                        + " tags per Firehose stream."));
        tags.putAll(added);
    }

    void untag(Collection<String> keys) {
        keys.forEach(tags::remove);
    }

    SortedMap<String, String> tags() {
        return new TreeMap<>(tags);
    }

    /** Start (or change the key of) server-side encryption: an ACTIVE (or a just created) DirectPut stream only. */
    void startEncryption(String keyType, String keyArn, Instant now) {
        checkEncryptionChange();
        setEncryption(Encryption.enabling(keyType, keyArn), now);
    }

    void stopEncryption(Instant now) {
        checkEncryptionChange();
        if (encryptionStatus != Encryption.Status.DISABLED) {
            setEncryption(new Encryption(Encryption.Status.DISABLING, encryptionKeyType, encryptionKeyArn), now);
        }
    }

    /** ENABLING becomes ENABLED and DISABLING DISABLED once the change took effect; false when there was none. */
    boolean settleEncryption(Instant now) {
        Encryption current = encryption();
        Encryption settled = current.settled();
        if (settled.equals(current)) {
            return false;
        }
        setEncryption(settled, now);
        return true;
    }

    private void checkEncryptionChange() {
        if (!(source instanceof Source.DirectPut)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Firehose " + name + " has " + type + " as source; "
                    + "server-side encryption can only be started or stopped for a DirectPut Firehose stream.");
        }
        StateMachine.require(
                status,
                (current, allowed) -> DeliveryStreamErrors.notInState(ref(), current, "ACTIVE"),
                ACTIVE,
                CREATING);
    }

    private void setEncryption(Encryption encryption, Instant now) {
        encryptionStatus = encryption.status();
        encryptionKeyType = encryption.keyType();
        encryptionKeyArn = encryption.keyArn();
        updatedAt = now;
    }

    Encryption encryption() {
        return new Encryption(encryptionStatus, encryptionKeyType, encryptionKeyArn);
    }

    /** Records are accepted only while ACTIVE, and only by a DirectPut stream: the others read their source. */
    void checkAcceptsRecords() {
        if (!(source instanceof Source.DirectPut)) {
            throw DeliveryStreamErrors.notDirectPut(type);
        }
        StateMachine.require(status, (current, allowed) -> DeliveryStreamErrors.notActive(ref(), current), ACTIVE);
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    DeliveryStreamStatus status() {
        return status;
    }

    String topic() {
        return topic;
    }

    Destination destination() {
        return destination;
    }

    DeliveryStreamRef ref() {
        return new DeliveryStreamRef(accountId, region, name);
    }

    DeliveryStreamView view() {
        return new DeliveryStreamView(
                id, ref(), status, type, versionId, topic, createdAt, updatedAt, source, destination, encryption());
    }
}
