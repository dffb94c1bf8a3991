package dev.shardline.video.stream;

import static dev.shardline.video.stream.VideoStreamStatus.ACTIVE;
import static dev.shardline.video.stream.VideoStreamStatus.CREATING;
import static dev.shardline.video.stream.VideoStreamStatus.DELETING;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.lifecycle.StateMachine;
import dev.shardline.platform.tag.TagLimit;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A Kinesis video stream: the aggregate that refuses illegal state changes and stale versions. */
@Entity
@Table(schema = "video", name = "video_stream")
class VideoStream {

    static final TagLimit TAG_LIMIT = TagLimit.AWS_DEFAULT;

    /** AWS's longest retention: ten years. */
    static final int MAX_RETENTION_HOURS = 87_600;

    /** CREATING becomes ACTIVE; a stream in any status may be deleted, and a deletion may be repeated. */
    static final StateMachine<VideoStreamStatus> LIFECYCLE = StateMachine.of(VideoStreamStatus.class)
            .allow(CREATING, ACTIVE)
            .allow(CREATING, DELETING)
            .allow(ACTIVE, DELETING)
            .allow(DELETING, DELETING)
            .build();

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String VERSION_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(nullable = false)
    private String region;

    @Column(nullable = false)
    private String name;

    @Column(name = "device_name")
    private String deviceName;

    @Column(name = "media_type")
    private String mediaType;

    @Column(name = "kms_key_id", nullable = false)
    private String kmsKeyId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private VideoStreamStatus status;

    @Column(nullable = false)
    private String version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "data_retention_hours", nullable = false)
    private int dataRetentionHours;

    @ElementCollection
    @CollectionTable(schema = "video", name = "video_stream_tag", joinColumns = @JoinColumn(name = "stream_id"))
    @MapKeyColumn(name = "tag_key")
    @Column(name = "tag_value", nullable = false)
    private Map<String, String> tags = new HashMap<>();

    protected VideoStream() {}

    /** A new stream in CREATING. Without a KmsKeyId it is encrypted under AWS's managed key alias. */
    static VideoStream create(
            StreamSelector ref,
            String deviceName,
            String mediaType,
            String kmsKeyId,
            int dataRetentionHours,
            Map<String, String> tags,
            Instant now) {
        VideoStream stream = new VideoStream();
        stream.id = UUID.randomUUID();
        stream.accountId = ref.accountId();
        stream.region = ref.region();
        stream.name = ref.name();
        stream.deviceName = deviceName;
        stream.mediaType = mediaType;
        stream.kmsKeyId = kmsKeyId != null
                ? kmsKeyId
                : "arn:aws:kms:" + ref.region() + ":" + ref.accountId() + ":alias/aws/kinesisvideo";
        stream.status = CREATING;
        stream.version = newVersion();
        // AWS's ARNs carry the creation time in milliseconds; the row keeps exactly that instant.
        stream.createdAt = Instant.ofEpochMilli(now.toEpochMilli());
        stream.dataRetentionHours = dataRetentionHours;
        if (tags != null) {
            TAG_LIMIT.check(Map.<String, String>of().keySet(), tags, VideoStreamErrors::tagLimit);
            stream.tags.putAll(tags);
        }
        return stream;
    }

    void markActive() {
        status = LIFECYCLE.move(status, ACTIVE, (from, to) -> VideoStreamErrors.notActive(name, from));
    }

    void beginDeletion(String currentVersion) {
        checkVersion(currentVersion);
        status = LIFECYCLE.move(status, DELETING, (from, to) -> VideoStreamErrors.notActive(name, from));
    }

    /** UpdateStream: the device and media type change and the stream gets a new version. */
    void update(String currentVersion, String newDeviceName, String newMediaType) {
        requireActive();
        checkVersion(currentVersion);
        if (newDeviceName != null) {
            deviceName = newDeviceName;
        }
        if (newMediaType != null) {
            mediaType = newMediaType;
        }
        version = newVersion();
    }

    /** UpdateDataRetention: retention grows or shrinks by {@code hours}, within 0 and ten years. */
    void changeRetention(String currentVersion, boolean increase, int hours) {
        requireActive();
        checkVersion(currentVersion);
        long changed = (long) dataRetentionHours + (increase ? hours : -(long) hours);
        if (changed < 0 || changed > MAX_RETENTION_HOURS) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("The data retention must be between 0 and "
                    + MAX_RETENTION_HOURS + " hours; " + (increase ? "increasing" : "decreasing") + " "
                    + dataRetentionHours + " by " + hours + " gives " + changed + ".");
        }
        dataRetentionHours = (int) changed;
        version = newVersion();
    }

    void addTags(Map<String, String> added) {
        requireNotDeleting();
        TAG_LIMIT.check(tags.keySet(), added, VideoStreamErrors::tagLimit);
        tags.putAll(added);
    }

    void removeTags(Collection<String> keys) {
        requireNotDeleting();
        keys.forEach(tags::remove);
    }

    Map<String, String> tags() {
        return Map.copyOf(tags);
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    VideoStreamStatus status() {
        return status;
    }

    VideoStreamArn arn() {
        return new VideoStreamArn(region, accountId, name, createdAt.toEpochMilli());
    }

    StreamView view() {
        return new StreamView(
                id, deviceName, name, arn(), mediaType, kmsKeyId, version, status, createdAt, dataRetentionHours);
    }

    private void requireActive() {
        StateMachine.require(status, (current, allowed) -> VideoStreamErrors.notActive(name, current), ACTIVE);
    }

    private void requireNotDeleting() {
        StateMachine.require(
                status, (current, allowed) -> VideoStreamErrors.notActive(name, current), CREATING, ACTIVE);
    }

    private void checkVersion(String currentVersion) {
        if (currentVersion != null && !currentVersion.equals(version)) {
            throw VideoStreamErrors.versionMismatch(currentVersion, version);
        }
    }

    private static String newVersion() {
        StringBuilder version = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            version.append(VERSION_ALPHABET.charAt(RANDOM.nextInt(VERSION_ALPHABET.length())));
        }
        return version.toString();
    }
}
