package dev.shardline.streams.stream;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;

/** AWS's wording for the stream errors that several actions share. */
public final class StreamErrors {

    private StreamErrors() {}

    public static AwsException notFound(StreamRef ref) {
        return AwsErrorType.RESOURCE_NOT_FOUND.exception(
                "Stream " + ref.name() + " under account " + ref.accountId() + " not found.");
    }

    public static AwsException alreadyExists(StreamRef ref) {
        return AwsErrorType.RESOURCE_IN_USE.exception(
                "Stream " + ref.name() + " under account " + ref.accountId() + " already exists.");
    }

    public static AwsException shardNotFound(StreamRef ref, String shardId) {
        return AwsErrorType.RESOURCE_NOT_FOUND.exception("Shard " + shardId + " in stream " + ref.name()
                + " under account " + ref.accountId() + " does not exist");
    }
}
