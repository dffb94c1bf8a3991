package dev.shardline.video.signaling;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;

/** The messages of the signaling channel errors, in one place (AWS documents the types, not their wording). */
public final class SignalingChannelErrors {

    private SignalingChannelErrors() {}

    public static AwsException notFound() {
        return AwsErrorType.RESOURCE_NOT_FOUND.exception("The requested channel is not found or not active.");
    }

    static AwsException alreadyExists(String name) {
        return AwsErrorType.RESOURCE_IN_USE.exception("The signaling channel " + name + " already exists.");
    }

    static AwsException notActive(String name, ChannelStatus status) {
        return AwsErrorType.RESOURCE_IN_USE.exception("The signaling channel " + name + " is in status " + status
                + " and must be ACTIVE for this operation.");
    }

    static AwsException versionMismatch(String given, String current) {
        return AwsErrorType.VERSION_MISMATCH.exception(
                "The version " + given + " does not match the channel's current version " + current + ".");
    }

    static AwsException channelLimit(int limit) {
        return AwsErrorType.ACCOUNT_CHANNEL_LIMIT_EXCEEDED.exception(
                "The number of signaling channels created for the account is too high (the limit is " + limit + ").");
    }

    static AwsException tagLimit() {
        return AwsErrorType.TAGS_PER_RESOURCE_EXCEEDED_LIMIT.exception(
                "A signaling channel can have at most 50 tags; the request would exceed that.");
    }

    static AwsException unsupportedType(String type) {
        return AwsErrorType.INVALID_ARGUMENT.exception(
                "ChannelType " + type + " is not supported; the supported channel type is SINGLE_MASTER.");
    }
}
