package dev.shardline.video.media;

import dev.shardline.platform.error.AwsException;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Why a media read (GetMedia, GetMediaForFragmentList) stopped after its answer had begun: the HTTP status is sent by
 * then, so AWS reports it in the MKV as tags, with these codes and descriptions (AWS's GetMedia documentation).
 */
enum MediaReadError {
    FRAGMENT_NOT_FOUND(4000, "Requested fragment is not found"),
    KMS_KEY_ACCESS_DENIED(4500, "Access denied for the stream's KMS key"),
    KMS_KEY_DISABLED(4501, "Stream's KMS key is disabled"),
    KMS_KEY_VALIDATION_ERROR(4502, "Validation error on the stream's KMS key"),
    KMS_KEY_UNAVAILABLE(4503, "KMS key specified in the stream is unavailable"),
    KMS_KEY_INVALID_USAGE(4504, "Invalid usage of the KMS key specified in the stream"),
    KMS_KEY_INVALID_STATE(4505, "Invalid state of the KMS key specified in the stream"),
    KMS_KEY_NOT_FOUND(4506, "Unable to find the KMS key specified in the stream"),
    INTERNAL_ERROR(5000, "Internal error");

    private static final Map<AckError, MediaReadError> BY_KMS_ACK = Map.of(
            AckError.KMS_KEY_ACCESS_DENIED, KMS_KEY_ACCESS_DENIED,
            AckError.KMS_KEY_DISABLED, KMS_KEY_DISABLED,
            AckError.KMS_KEY_VALIDATION_ERROR, KMS_KEY_VALIDATION_ERROR,
            AckError.KMS_KEY_UNAVAILABLE, KMS_KEY_UNAVAILABLE,
            AckError.KMS_KEY_INVALID_USAGE, KMS_KEY_INVALID_USAGE,
            AckError.KMS_KEY_INVALID_STATE, KMS_KEY_INVALID_STATE,
            AckError.KMS_KEY_NOT_FOUND, KMS_KEY_NOT_FOUND);

    private final int id;
    private final String description;

    MediaReadError(int id, String description) {
        this.id = id;
        this.description = description;
    }

    int id() {
        return id;
    }

    String description() {
        return description;
    }

    /**
     * The error that {@code failure} reading a stored fragment amounts to: its object gone (retention removed it while
     * the read was under way), the key service refusing the stream's key, or anything else, which is internal.
     */
    static MediaReadError of(RuntimeException failure) {
        if (failure instanceof NoSuchKeyException) {
            return FRAGMENT_NOT_FOUND;
        }
        if (failure instanceof AwsException aws && aws.errorType().name().startsWith("KMS_")) {
            return BY_KMS_ACK.get(FragmentSeal.kmsError(aws));
        }
        return INTERNAL_ERROR;
    }
}
