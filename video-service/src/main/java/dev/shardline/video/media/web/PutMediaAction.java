package dev.shardline.video.media.web;

import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.aws.AwsRestRequest;
import dev.shardline.platform.aws.AwsRestRoute;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.video.media.PutMediaService;
import dev.shardline.video.media.TimecodeType;
import dev.shardline.video.stream.StreamSelector;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * PutMedia: {@code POST /putMedia} with the stream in {@code x-amzn-stream-name} or {@code x-amzn-stream-arn}, the
 * timecode type and producer start in headers, and the MKV as a (chunked) body that is read as it arrives.
 */
@Component
public class PutMediaAction {

    private final PutMediaService putMedia;

    PutMediaAction(PutMediaService putMedia) {
        this.putMedia = putMedia;
    }

    public AwsRestRoute<?, ?> route() {
        return AwsRestRoute.post("/putMedia", AwsRestRequest.class, this::putMedia);
    }

    private Object putMedia(AwsRestRequest request, AwsRequestContext context) {
        String name = request.header("x-amzn-stream-name");
        String arn = request.header("x-amzn-stream-arn");
        StreamSelector ref = StreamSelector.of(context.accountId(), context.region(), name, arn);
        if (ref.arn() != null
                && (!ref.arn().accountId().equals(context.accountId())
                        || !ref.arn().region().equals(context.region()))) {
            throw AwsErrorType.RESOURCE_NOT_FOUND.exception("The requested stream is not found or not active.");
        }
        return putMedia.open(ref, timecodeType(request), producerStart(request), request.body());
    }

    private static TimecodeType timecodeType(AwsRestRequest request) {
        String type = request.header("x-amzn-fragment-timecode-type");
        if (type == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("x-amzn-fragment-timecode-type is required");
        }
        try {
            return TimecodeType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "x-amzn-fragment-timecode-type must be ABSOLUTE or RELATIVE, not " + type);
        }
    }

    /** Seconds since the epoch with a fraction, as the producer SDKs send it. */
    private static Instant producerStart(AwsRestRequest request) {
        String start = request.header("x-amzn-producer-start-timestamp");
        if (start == null) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(start);
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid x-amzn-producer-start-timestamp " + start);
        }
    }
}
