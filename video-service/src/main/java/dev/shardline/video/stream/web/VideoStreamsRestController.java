package dev.shardline.video.stream.web;

import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import dev.shardline.video.stream.StreamSelector;
import dev.shardline.video.stream.StreamView;
import dev.shardline.video.stream.VideoStreamService;
import dev.shardline.video.stream.VideoStreamService.NewStream;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Video streams for people: the same application service as the AWS actions, as plain REST under
 * {@code /v1/video-streams}, documented in Swagger UI. Streams belong to the caller's account ({@link RestCaller}).
 */
@RestController
@RequestMapping("/v1/video-streams")
@Tag(name = "Video streams", description = "Kinesis Video Streams: create, list, describe and delete video streams")
class VideoStreamsRestController {

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9_.-]{1,256}");

    private final VideoStreamService streams;
    private final RestCaller caller;

    VideoStreamsRestController(VideoStreamService streams, RestCaller caller) {
        this.streams = streams;
        this.caller = caller;
    }

    record CreateVideoStream(
            String name,
            String deviceName,
            String mediaType,
            String kmsKeyId,
            Integer dataRetentionInHours,
            Map<String, String> tags) {}

    record VideoStreamJson(
            String name,
            String arn,
            String status,
            String version,
            String deviceName,
            String mediaType,
            String kmsKeyId,
            String creationTime,
            int dataRetentionInHours) {

        static VideoStreamJson of(StreamView s) {
            return new VideoStreamJson(
                    s.name(),
                    s.arn().toString(),
                    s.status().name(),
                    s.version(),
                    s.deviceName(),
                    s.mediaType(),
                    s.kmsKeyId(),
                    s.createdAt().toString(),
                    s.dataRetentionInHours());
        }
    }

    record VideoStreamList(List<VideoStreamJson> streams, boolean hasMore) {}

    @Operation(summary = "List video streams, optionally those whose names begin with a prefix")
    @GetMapping
    VideoStreamList list(
            @RequestParam(required = false) String prefix,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "100") int limit) {
        // PostgreSQL cannot compare a text with a NUL byte in it: refused here rather than a 500 there
        Validation.of().noNul("prefix", prefix).noNul("after", after).throwIfInvalid();
        var page =
                streams.list(caller.accountId(), caller.region(), prefix, after, Math.max(1, Math.min(limit, 10_000)));
        return new VideoStreamList(
                page.streams().stream().map(VideoStreamJson::of).toList(), page.hasMore());
    }

    @Operation(summary = "Create a video stream (CREATING, then ACTIVE)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    VideoStreamJson create(@RequestBody CreateVideoStream body) {
        return VideoStreamJson.of(streams.create(
                named(body.name()),
                new NewStream(
                        body.deviceName(),
                        body.mediaType(),
                        body.kmsKeyId(),
                        body.dataRetentionInHours(),
                        body.tags())));
    }

    @Operation(summary = "Describe a video stream")
    @GetMapping("/{name}")
    VideoStreamJson describe(@PathVariable String name) {
        return VideoStreamJson.of(streams.describe(named(name)));
    }

    @Operation(summary = "Delete a video stream (DELETING, then gone)")
    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void delete(@PathVariable String name) {
        streams.delete(named(name), null);
    }

    private StreamSelector named(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "name must be 1 to 256 characters of letters, digits, '_', '.' and '-'");
        }
        return StreamSelector.byName(caller.accountId(), caller.region(), name);
    }
}
