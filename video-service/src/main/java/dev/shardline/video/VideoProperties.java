package dev.shardline.video;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the video service ({@code shardline.video.*}).
 *
 * @param streamLimit video streams per account and region (AWS's quota is 10,000)
 * @param stateTransitionDelay how long a stream stays CREATING or DELETING before it turns ACTIVE or goes away
 * @param dataEndpoint the URL GetDataEndpoint answers for every APIName; unset means this server's own base URL as the
 *     caller reached it
 * @param maxFragmentDuration the longest fragment PutMedia accepts (AWS: 10 s), longer ones get ErrorId 4002
 * @param maxFragmentSize the largest fragment PutMedia accepts (AWS: 50 MB), larger ones get ErrorId 4001
 * @param putMediaTimeout how long one PutMedia connection may stream before the server ends it
 * @param idleAckInterval how long a PutMedia connection may go without data before the server sends an IDLE
 *     acknowledgement (and again after each such interval)
 * @param retentionCheckInterval how often fragments past their stream's retention are looked for and deleted
 * @param fragmentTopic the Kafka topic that gets an event per persisted fragment (keyed by stream id)
 * @param fragmentTopicReplicationFactor its replication factor when the service creates it
 * @param s3 the object store that holds the fragments
 * @param sessionKey base64 of a 32-byte AES key that seals HLS session tokens, the same on every instance behind one
 *     load balancer; unset means a key drawn at start (a session URL then works only on the instance that made it)
 * @param webrtc KVS WebRTC signaling channels
 */
@Validated
@ConfigurationProperties("shardline.video")
public record VideoProperties(
        @DefaultValue("10000") @Min(1) int streamLimit,
        @DefaultValue("100ms") Duration stateTransitionDelay,
        URI dataEndpoint,
        @DefaultValue("10s") Duration maxFragmentDuration,
        @DefaultValue("50MB") DataSize maxFragmentSize,
        @DefaultValue("1h") Duration putMediaTimeout,
        @DefaultValue("3s") Duration idleAckInterval,
        @DefaultValue("1m") Duration retentionCheckInterval,
        @DefaultValue("shardline.video.fragments") @NotBlank String fragmentTopic,
        @DefaultValue("1") @Min(1) short fragmentTopicReplicationFactor,
        @DefaultValue @Valid S3 s3,
        String sessionKey,
        @DefaultValue @Valid Webrtc webrtc) {

    /**
     * KVS WebRTC signaling channels ({@code shardline.video.webrtc.*}).
     *
     * @param channelLimit signaling channels per account and region (AWS's quota is 10,000)
     * @param signalingEndpoint the WSS endpoint GetSignalingChannelEndpoint answers ({@code wss://signaling.example});
     *     unset means this server's own {@code ws://} or {@code wss://} URL as the caller reached it
     * @param iceServers the STUN/TURN servers GetIceServerConfig answers; none by default, which is enough on one LAN
     *     (peers use their host candidates); peers behind different NATs need a TURN server here
     * @param alexaAnswerTimeout how long SendAlexaOfferToMaster waits for the master's answer
     * @param maxViewers viewers connected to one channel at once (AWS: 10)
     */
    public record Webrtc(
            @DefaultValue("10000") @Min(1) int channelLimit,
            URI signalingEndpoint,
            @DefaultValue List<@Valid IceServer> iceServers,
            @DefaultValue("5s") Duration alexaAnswerTimeout,
            @DefaultValue("10") @Min(1) int maxViewers) {}

    /**
     * One STUN or TURN server as GetIceServerConfig answers it.
     *
     * @param uris {@code stun:host:port}, {@code turn:host:port?transport=udp}, {@code turns:...}
     * @param username the TURN user, if any
     * @param password the TURN password, if any
     * @param ttl how long the credentials are good for, as GetIceServerConfig reports it
     */
    public record IceServer(
            List<String> uris,
            String username,
            String password,
            @DefaultValue("300s") Duration ttl) {}

    /**
     * The S3 client of the fragment store.
     *
     * @param endpoint an S3-compatible endpoint (the embedded one, MinIO); unset means AWS S3 itself
     * @param region the signing region
     * @param accessKeyId static credentials; unset means the AWS SDK's default credentials chain
     * @param secretAccessKey the secret of {@code accessKeyId}
     * @param pathStyleAccess {@code http://host/bucket/key} instead of virtual-hosted buckets, as most S3-compatible
     *     stores need
     * @param bucket the bucket that holds every stream's fragments, created at start if it does not exist
     */
    public record S3(
            URI endpoint,
            @DefaultValue("us-east-1") String region,
            String accessKeyId,
            String secretAccessKey,
            @DefaultValue("true") boolean pathStyleAccess,
            @DefaultValue("shardline-video") @NotBlank String bucket) {}
}
