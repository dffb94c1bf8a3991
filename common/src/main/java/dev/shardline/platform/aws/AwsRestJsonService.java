package dev.shardline.platform.aws;

import dev.shardline.platform.error.AwsErrorType;
import java.util.List;

/**
 * A service spoken as AWS REST-JSON: each action has its own method and path (Kinesis Video Streams'
 * {@code POST /createStream}, {@code POST /putMedia}, ...). Each service module contributes one bean; the shared
 * {@link AwsRestJsonEndpoint} maps every route and renders results and catalogue errors, so the error catalogue is
 * rendered the same way as on the {@code X-Amz-Target} face.
 */
public interface AwsRestJsonService {

    /** The service's name in logs, for example {@code kinesisvideo}. */
    String name();

    List<AwsRestRoute<?, ?>> routes();

    /**
     * The HTTP status of an error on this service's face. REST-JSON services answer some errors with their own
     * status (Kinesis Video Streams: ResourceNotFoundException is 404) where JSON 1.1 services answer 400.
     */
    default int httpStatus(AwsErrorType type) {
        return type.httpStatus();
    }

    /**
     * The error type under which this service reports a request that violates its AWS model's constraints. Kinesis
     * Video Streams has no ValidationException in its model and answers such requests with InvalidArgumentException.
     */
    default AwsErrorType validationErrorType() {
        return AwsErrorType.VALIDATION;
    }
}
