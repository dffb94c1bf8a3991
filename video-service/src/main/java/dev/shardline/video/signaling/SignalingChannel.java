package dev.shardline.video.signaling;

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

/**
 * A KVS WebRTC signaling channel: the aggregate that refuses stale versions and too many tags. A channel has no
 * storage to provision, so it is ACTIVE as soon as it is created and gone as soon as it is deleted.
 */
@Entity
@Table(schema = "video", name = "signaling_channel")
class SignalingChannel {

    static final TagLimit TAG_LIMIT = TagLimit.AWS_DEFAULT;

    /** AWS's default MessageTtlSeconds. */
    static final int DEFAULT_MESSAGE_TTL_SECONDS = 60;

    static final String SINGLE_MASTER = "SINGLE_MASTER";

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

    @Column(name = "channel_type", nullable = false)
    private String type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ChannelStatus status;

    @Column(nullable = false)
    private String version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "message_ttl_seconds", nullable = false)
    private int messageTtlSeconds;

    @ElementCollection
    @CollectionTable(schema = "video", name = "signaling_channel_tag", joinColumns = @JoinColumn(name = "channel_id"))
    @MapKeyColumn(name = "tag_key")
    @Column(name = "tag_value", nullable = false)
    private Map<String, String> tags = new HashMap<>();

    protected SignalingChannel() {}

    static SignalingChannel create(
            ChannelSelector ref, String type, Integer messageTtlSeconds, Map<String, String> tags, Instant now) {
        if (type != null && !SINGLE_MASTER.equals(type)) {
            throw SignalingChannelErrors.unsupportedType(type);
        }
        SignalingChannel channel = new SignalingChannel();
        channel.id = UUID.randomUUID();
        channel.accountId = ref.accountId();
        channel.region = ref.region();
        channel.name = ref.name();
        channel.type = SINGLE_MASTER;
        channel.status = ChannelStatus.ACTIVE;
        channel.version = newVersion();
        // the ARN carries the creation time in milliseconds; the row keeps exactly that instant
        channel.createdAt = Instant.ofEpochMilli(now.toEpochMilli());
        channel.messageTtlSeconds = messageTtlSeconds == null ? DEFAULT_MESSAGE_TTL_SECONDS : messageTtlSeconds;
        if (tags != null) {
            TAG_LIMIT.check(Map.<String, String>of().keySet(), tags, SignalingChannelErrors::tagLimit);
            channel.tags.putAll(tags);
        }
        return channel;
    }

    /** UpdateSignalingChannel: a new MessageTtlSeconds (unchanged where none is given) and a new version. */
    void update(String currentVersion, Integer newMessageTtlSeconds) {
        checkVersion(currentVersion);
        if (newMessageTtlSeconds != null) {
            messageTtlSeconds = newMessageTtlSeconds;
        }
        version = newVersion();
    }

    void checkVersion(String currentVersion) {
        if (currentVersion != null && !currentVersion.equals(version)) {
            throw SignalingChannelErrors.versionMismatch(currentVersion, version);
        }
    }

    void addTags(Map<String, String> added) {
        TAG_LIMIT.check(tags.keySet(), added, SignalingChannelErrors::tagLimit);
        tags.putAll(added);
    }

    void removeTags(Collection<String> keys) {
        keys.forEach(tags::remove);
    }

    Map<String, String> tags() {
        return Map.copyOf(tags);
    }

    SignalingChannelArn arn() {
        return new SignalingChannelArn(region, accountId, name, createdAt.toEpochMilli());
    }

    String name() {
        return name;
    }

    ChannelView view() {
        return new ChannelView(id, name, arn(), type, status, version, createdAt, messageTtlSeconds);
    }

    private static String newVersion() {
        StringBuilder version = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            version.append(VERSION_ALPHABET.charAt(RANDOM.nextInt(VERSION_ALPHABET.length())));
        }
        return version.toString();
    }
}
