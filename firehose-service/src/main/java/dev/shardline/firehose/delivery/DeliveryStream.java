package dev.shardline.firehose.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A Firehose delivery stream: the aggregate that refuses illegal state changes. */
@Entity
@Table(schema = "firehose", name = "delivery_stream")
class DeliveryStream {

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
        stream.status = DeliveryStreamStatus.CREATING;
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
        if (status != DeliveryStreamStatus.CREATING) {
            throw DeliveryStreamErrors.notInState(ref(), status, "CREATING");
        }
        status = DeliveryStreamStatus.ACTIVE;
        source = source.startingAt(now);
        updatedAt = now;
    }

    /** AWS deletes ACTIVE delivery streams (and repeats a DELETING one's deletion), never CREATING ones. */
    void beginDelete(Instant now) {
        if (status == DeliveryStreamStatus.CREATING) {
            throw DeliveryStreamErrors.notInState(ref(), status, "ACTIVE");
        }
        status = DeliveryStreamStatus.DELETING;
        updatedAt = now;
    }

    /** Records are accepted only while ACTIVE, and only by a DirectPut stream: the others read their source. */
    void checkAcceptsRecords() {
        if (!(source instanceof Source.DirectPut)) {
            throw DeliveryStreamErrors.notDirectPut(type);
        }
        if (status != DeliveryStreamStatus.ACTIVE) {
            throw DeliveryStreamErrors.notActive(ref(), status);
        }
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

    DeliveryStreamRef ref() {
        return new DeliveryStreamRef(accountId, region, name);
    }

    DeliveryStreamView view() {
        return new DeliveryStreamView(
                id, ref(), status, type, versionId, topic, createdAt, updatedAt, source, destination);
    }
}
