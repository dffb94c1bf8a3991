package dev.shardline.firehose.delivery;

import jakarta.persistence.Column;
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

    @Column(name = "role_arn", nullable = false)
    private String roleArn;

    @Column(name = "bucket_arn", nullable = false)
    private String bucketArn;

    @Column(nullable = false)
    private String prefix;

    @Column(name = "error_output_prefix", nullable = false)
    private String errorOutputPrefix;

    @Column(name = "buffer_size_mib", nullable = false)
    private int bufferSizeMib;

    @Column(name = "buffer_interval_seconds", nullable = false)
    private int bufferIntervalSeconds;

    @Enumerated(EnumType.STRING)
    @Column(name = "compression_format", nullable = false)
    private Compression compression;

    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected DeliveryStream() {}

    /** A new DirectPut delivery stream in CREATING, version 1. */
    static DeliveryStream create(DeliveryStreamRef ref, S3Destination destination, String topicPrefix, Instant now) {
        DeliveryStream stream = new DeliveryStream();
        stream.id = UUID.randomUUID();
        stream.accountId = ref.accountId();
        stream.region = ref.region();
        stream.name = ref.name();
        stream.status = DeliveryStreamStatus.CREATING;
        stream.type = "DirectPut";
        stream.versionId = 1;
        stream.topic = topicPrefix + stream.id;
        stream.createdAt = now;
        stream.updatedAt = now;
        stream.roleArn = destination.roleArn();
        stream.bucketArn = destination.bucketArn();
        stream.prefix = destination.prefix();
        stream.errorOutputPrefix = destination.errorOutputPrefix();
        stream.bufferSizeMib = destination.sizeInMBs();
        stream.bufferIntervalSeconds = destination.intervalInSeconds();
        stream.compression = destination.compression();
        return stream;
    }

    /** CREATING becomes ACTIVE once its buffer topic exists. */
    void markActive(Instant now) {
        if (status != DeliveryStreamStatus.CREATING) {
            throw DeliveryStreamErrors.notInState(ref(), status, "CREATING");
        }
        status = DeliveryStreamStatus.ACTIVE;
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

    /** Records are accepted only while ACTIVE. */
    void checkAcceptsRecords() {
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
                id,
                ref(),
                status,
                type,
                versionId,
                topic,
                createdAt,
                updatedAt,
                new S3Destination(
                        roleArn,
                        bucketArn,
                        prefix,
                        errorOutputPrefix,
                        bufferSizeMib,
                        bufferIntervalSeconds,
                        compression));
    }
}
