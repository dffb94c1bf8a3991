package dev.shardline.video.media.playback.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.aws.AwsRestRoute;
import dev.shardline.video.VideoProperties;
import dev.shardline.video.media.playback.Clips;
import dev.shardline.video.media.playback.HlsPlayback;
import dev.shardline.video.media.playback.HlsPlayback.SessionRequest;
import dev.shardline.video.stream.StreamSelector;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Kinesis Video Streams Archived Media's playback actions: GetHLSStreamingSessionURL, GetDASHStreamingSessionURL and
 * GetClip.
 */
@Component
public class PlaybackActions {

    private final HlsPlayback hls;
    private final Clips clips;
    private final VideoProperties properties;

    PlaybackActions(HlsPlayback hls, Clips clips, VideoProperties properties) {
        this.hls = hls;
        this.clips = clips;
        this.properties = properties;
    }

    record TimestampRange(BigDecimal startTimestamp, BigDecimal endTimestamp) {}

    record HlsFragmentSelector(String fragmentSelectorType, TimestampRange timestampRange) {}

    record GetHlsStreamingSessionUrlRequest(
            String streamName,
            @JsonProperty("StreamARN") String streamArn,
            String playbackMode,
            @JsonProperty("HLSFragmentSelector") HlsFragmentSelector hlsFragmentSelector,
            String containerFormat,
            String discontinuityMode,
            String displayFragmentTimestamp,
            Integer expires,
            Long maxMediaPlaylistFragmentResults) {}

    record GetHlsStreamingSessionUrlResponse(
            @JsonProperty("HLSStreamingSessionURL") String hlsStreamingSessionUrl) {}

    record GetDashStreamingSessionUrlRequest(
            String streamName,
            @JsonProperty("StreamARN") String streamArn,
            String playbackMode,
            String displayFragmentTimestamp,
            String displayFragmentNumber,
            @JsonProperty("DASHFragmentSelector") HlsFragmentSelector dashFragmentSelector,
            Integer expires,
            Long maxManifestFragmentResults) {}

    record GetDashStreamingSessionUrlResponse(
            @JsonProperty("DASHStreamingSessionURL") String dashStreamingSessionUrl) {}

    record ClipFragmentSelector(String fragmentSelectorType, TimestampRange timestampRange) {}

    record GetClipRequest(
            String streamName,
            @JsonProperty("StreamARN") String streamArn,
            ClipFragmentSelector clipFragmentSelector) {}

    public List<AwsRestRoute<?, ?>> routes() {
        return List.of(
                AwsRestRoute.post(
                        "/getHLSStreamingSessionURL", GetHlsStreamingSessionUrlRequest.class, this::hlsSession),
                AwsRestRoute.post(
                        "/getDASHStreamingSessionURL", GetDashStreamingSessionUrlRequest.class, this::dashSession),
                AwsRestRoute.post("/getClip", GetClipRequest.class, this::clip));
    }

    private GetHlsStreamingSessionUrlResponse hlsSession(
            GetHlsStreamingSessionUrlRequest request, AwsRequestContext context) {
        HlsFragmentSelector selector = request.hlsFragmentSelector();
        TimestampRange range = selector == null ? null : selector.timestampRange();
        String token = hls.createSession(new SessionRequest(
                StreamSelector.of(context.accountId(), context.region(), request.streamName(), request.streamArn()),
                request.playbackMode(),
                selector == null ? null : selector.fragmentSelectorType(),
                range == null ? null : instant(range.startTimestamp()),
                range == null ? null : instant(range.endTimestamp()),
                request.containerFormat(),
                request.discontinuityMode(),
                request.displayFragmentTimestamp(),
                null,
                request.expires(),
                request.maxMediaPlaylistFragmentResults()));
        return new GetHlsStreamingSessionUrlResponse(sessionUrl(properties, token));
    }

    private GetDashStreamingSessionUrlResponse dashSession(
            GetDashStreamingSessionUrlRequest request, AwsRequestContext context) {
        HlsFragmentSelector selector = request.dashFragmentSelector();
        TimestampRange range = selector == null ? null : selector.timestampRange();
        String token = hls.createSession(new SessionRequest(
                StreamSelector.of(context.accountId(), context.region(), request.streamName(), request.streamArn()),
                request.playbackMode(),
                selector == null ? null : selector.fragmentSelectorType(),
                range == null ? null : instant(range.startTimestamp()),
                range == null ? null : instant(range.endTimestamp()),
                "FRAGMENTED_MP4",
                "NEVER", // a DASH timeline has no discontinuity markers
                request.displayFragmentTimestamp(),
                request.displayFragmentNumber(),
                request.expires(),
                request.maxManifestFragmentResults()));
        return new GetDashStreamingSessionUrlResponse(
                baseUrl(properties) + HlsController.DASH_PATH + "/getDASHManifest.mpd?SessionToken=" + token);
    }

    private ResponseEntity<byte[]> clip(GetClipRequest request, AwsRequestContext context) {
        ClipFragmentSelector selector = request.clipFragmentSelector();
        byte[] mp4 = clips.clip(
                StreamSelector.of(context.accountId(), context.region(), request.streamName(), request.streamArn()),
                selector.fragmentSelectorType(),
                instant(selector.timestampRange().startTimestamp()),
                instant(selector.timestampRange().endTimestamp()));
        return ResponseEntity.ok().header("Content-Type", "video/mp4").body(mp4);
    }

    /** The master playlist's URL on this server (or on {@code data-endpoint}), as AWS shapes it. */
    static String sessionUrl(VideoProperties properties, String token) {
        return baseUrl(properties) + HlsController.PATH + "/getHLSMasterPlaylist.m3u8?SessionToken=" + token;
    }

    private static String baseUrl(VideoProperties properties) {
        String base = properties.dataEndpoint() != null
                ? properties.dataEndpoint().toString()
                : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return base.replaceAll("/+$", "");
    }

    private static Instant instant(BigDecimal seconds) {
        return seconds == null
                ? null
                : Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
    }
}
