package dev.shardline.video.media.playback.web;

import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.platform.error.RestProblems;
import dev.shardline.video.VideoProperties;
import dev.shardline.video.media.playback.HlsPlayback;
import dev.shardline.video.media.playback.HlsPlayback.SessionRequest;
import dev.shardline.video.stream.StreamSelector;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HLS and DASH endpoints behind a session URL, shaped as AWS's
 * ({@code /hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=...}, {@code /dash/v1/getDASHManifest.mpd?SessionToken=...}
 * and the MP4 fragments under both), plus {@code /v1/video-streams/{name}/hls-session} for the player page, which cannot sign SigV4.
 */
@RestController
@Tag(name = "Video playback", description = "HLS sessions over a video stream's fragments, for the player page")
class HlsController {

    static final String PATH = "/hls/v1";
    static final String DASH_PATH = "/dash/v1";
    private static final MediaType MPD = MediaType.parseMediaType("application/dash+xml");
    private static final MediaType M3U8 = MediaType.parseMediaType("application/vnd.apple.mpegurl");
    private static final MediaType MP4 = MediaType.parseMediaType("video/mp4");

    private final HlsPlayback hls;
    private final VideoProperties properties;
    private final RestCaller caller;

    HlsController(HlsPlayback hls, VideoProperties properties, RestCaller caller) {
        this.hls = hls;
        this.properties = properties;
        this.caller = caller;
    }

    @GetMapping(PATH + "/getHLSMasterPlaylist.m3u8")
    ResponseEntity<String> master(@RequestParam(name = "SessionToken", required = false) String token) {
        return ResponseEntity.ok().contentType(M3U8).body(hls.masterPlaylist(token));
    }

    @GetMapping(PATH + "/getHLSMediaPlaylist.m3u8")
    ResponseEntity<String> media(@RequestParam(name = "SessionToken", required = false) String token) {
        return ResponseEntity.ok().contentType(M3U8).body(hls.mediaPlaylist(token));
    }

    @GetMapping(DASH_PATH + "/getDASHManifest.mpd")
    ResponseEntity<String> manifest(@RequestParam(name = "SessionToken", required = false) String token) {
        return ResponseEntity.ok().contentType(MPD).body(hls.dashManifest(token));
    }

    @GetMapping({PATH + "/getMP4InitFragment.mp4", DASH_PATH + "/getMP4InitFragment.mp4"})
    ResponseEntity<byte[]> init(@RequestParam(name = "SessionToken", required = false) String token) {
        return ResponseEntity.ok().contentType(MP4).body(hls.initFragment(token));
    }

    @GetMapping({PATH + "/getMP4MediaFragment.mp4", DASH_PATH + "/getMP4MediaFragment.mp4"})
    ResponseEntity<byte[]> fragment(
            @RequestParam(name = "SessionToken", required = false) String token,
            @RequestParam(name = "FragmentNumber", required = false) String fragmentNumber) {
        return ResponseEntity.ok().contentType(MP4).body(hls.mediaFragment(token, fragmentNumber));
    }

    record HlsSession(String url) {}

    @Operation(
            summary = "An HLS session URL for a video stream of the caller's account (GetHLSStreamingSessionURL"
                    + " without SigV4): mode LIVE, LIVE_REPLAY or ON_DEMAND; start and end (ISO-8601) select by"
                    + " producer timestamp")
    @PostMapping("/v1/video-streams/{name}/hls-session")
    HlsSession session(
            @PathVariable String name,
            @RequestParam(defaultValue = "LIVE") String mode,
            @RequestParam(required = false) Instant start,
            @RequestParam(required = false) Instant end,
            @RequestParam(required = false) Integer expires) {
        if (!mode.matches("LIVE|LIVE_REPLAY|ON_DEMAND")) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("mode must be LIVE, LIVE_REPLAY or ON_DEMAND");
        }
        if (expires != null && (expires < 300 || expires > 43200)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("expires must lie within 300 and 43200 seconds");
        }
        String token = hls.createSession(new SessionRequest(
                StreamSelector.byName(caller.accountId(), caller.region(), name),
                mode,
                "PRODUCER_TIMESTAMP",
                start,
                end,
                "FRAGMENTED_MP4",
                null,
                null,
                null,
                expires,
                null));
        return new HlsSession(PlaybackActions.sessionUrl(properties, token));
    }

    /** AWS's error shape on the HLS endpoints (the REST session endpoint answers problem details instead). */
    @ExceptionHandler(AwsException.class)
    ResponseEntity<?> error(AwsException e, HttpServletRequest request) {
        if (request.getRequestURI().startsWith("/v1/")) {
            ProblemDetail problem = RestProblems.of(e);
            return ResponseEntity.status(problem.getStatus()).body(problem);
        }
        int status = switch (e.errorType()) {
            case RESOURCE_NOT_FOUND -> 404;
            case NOT_AUTHORIZED -> 401;
            default -> e.errorType().httpStatus();
        };
        return ResponseEntity.status(status)
                .header("x-amzn-ErrorType", e.errorType().type())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("__type", e.errorType().type(), "Message", e.getMessage()));
    }
}
