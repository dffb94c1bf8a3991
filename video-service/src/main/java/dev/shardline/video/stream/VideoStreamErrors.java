package dev.shardline.video.stream;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;

/**
 * The messages of Kinesis Video Streams' errors, in one place. AWS documents the error types per action but not their
 * messages; these follow the wording AWS's answers show where it is known (see docs/video.md).
 */
public final class VideoStreamErrors {

    private VideoStreamErrors() {}

    public static AwsException notFound() {
        return AwsErrorType.RESOURCE_NOT_FOUND.exception("The requested stream is not found or not active.");
    }

    static AwsException alreadyExists(String name) {
        return AwsErrorType.RESOURCE_IN_USE.exception("The stream " + name + " already exists.");
    }

    static AwsException notActive(String name, VideoStreamStatus status) {
        return AwsErrorType.RESOURCE_IN_USE.exception(
                "The stream " + name + " is in status " + status + " and must be ACTIVE for this operation.");
    }

    static AwsException versionMismatch(String given, String current) {
        return AwsErrorType.VERSION_MISMATCH.exception(
                "The version " + given + " does not match the stream's current version " + current + ".");
    }

    static AwsException streamLimit(int limit) {
        return AwsErrorType.ACCOUNT_STREAM_LIMIT_EXCEEDED.exception(
                "The number of streams created for the account is too high (the limit is " + limit + ").");
    }

    static AwsException tagLimit() {
        return AwsErrorType.TAGS_PER_RESOURCE_EXCEEDED_LIMIT.exception(
                "A stream can have at most 50 tags; the request would exceed that.");
    }
}
