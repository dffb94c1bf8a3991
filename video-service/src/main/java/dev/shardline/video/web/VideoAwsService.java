package dev.shardline.video.web;

import dev.shardline.platform.aws.AwsRestJsonService;
import dev.shardline.platform.aws.AwsRestRoute;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.video.VideoRoutes;
import dev.shardline.video.media.web.GetMediaAction;
import dev.shardline.video.media.web.PutMediaAction;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Kinesis Video Streams on the AWS wire: REST-JSON, one path per action, for the control plane (kinesisvideo), the
 * media API (PutMedia, GetMedia) and the archived media API (kinesis-video-archived-media) alike.
 */
@Component
class VideoAwsService implements AwsRestJsonService {

    private final List<AwsRestRoute<?, ?>> routes = new ArrayList<>();

    /** Each feature's routes (streams, tags, archived media, signaling channels), joined on one REST-JSON face. */
    VideoAwsService(List<VideoRoutes> features, PutMediaAction putMedia, GetMediaAction getMedia) {
        features.forEach(feature -> routes.addAll(feature.routes()));
        routes.add(putMedia.route());
        routes.add(getMedia.route());
    }

    @Override
    public String name() {
        return "kinesisvideo";
    }

    @Override
    public List<AwsRestRoute<?, ?>> routes() {
        return List.copyOf(routes);
    }

    /** Kinesis Video Streams answers a missing resource with 404 and an unauthorised caller with 401. */
    @Override
    public int httpStatus(AwsErrorType type) {
        return switch (type) {
            case RESOURCE_NOT_FOUND -> 404;
            case NOT_AUTHORIZED, ACCESS_DENIED -> 401;
            default -> type.httpStatus();
        };
    }

    /** Its model has no ValidationException: requests that break the model's constraints are InvalidArgument. */
    @Override
    public AwsErrorType validationErrorType() {
        return AwsErrorType.INVALID_ARGUMENT;
    }
}
