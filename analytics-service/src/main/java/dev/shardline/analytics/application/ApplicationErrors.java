package dev.shardline.analytics.application;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The errors of the analytics service, in one place. AWS documents the types but not the texts; where no text of AWS
 * could be found (docs/analytics.md lists them) the message says what is wrong in AWS's manner.
 */
public final class ApplicationErrors {

    /** The one runtime Shardline runs. */
    public static final String RUNTIME = "FLINK-2_2";

    private ApplicationErrors() {}

    public static AwsException notFound(ApplicationRef ref) {
        return AwsErrorType.RESOURCE_NOT_FOUND.exception("Application " + ref.name() + " is not found.");
    }

    static AwsException arnNotFound(String arn) {
        return AwsErrorType.RESOURCE_NOT_FOUND.exception("Resource " + arn + " is not found.");
    }

    static AwsException alreadyExists(ApplicationRef ref) {
        return AwsErrorType.RESOURCE_IN_USE.exception("Application " + ref.name() + " already exists.");
    }

    /** The application is in a status that the call cannot act on. */
    static AwsException inStatus(String name, ApplicationStatus current, String action, ApplicationStatus... needed) {
        String allowed = Arrays.stream(needed).map(ApplicationStatus::name).collect(Collectors.joining(", "));
        return AwsErrorType.RESOURCE_IN_USE.exception("Application " + name + " is in " + current + " status. " + action
                + " requires the application to be in " + allowed + " status.");
    }

    static AwsException versionMismatch(String name, long given, long current) {
        return AwsErrorType.CONCURRENT_MODIFICATION.exception("Application " + name + " has been modified: "
                + "CurrentApplicationVersionId " + given + " does not match the application's version " + current
                + ". Describe the application again to get its current version.");
    }

    static AwsException tokenMismatch(String name) {
        return AwsErrorType.CONCURRENT_MODIFICATION.exception("Application " + name + " has been modified: the "
                + "ConditionalToken does not match the application's current one. Describe the application again to "
                + "get its current ConditionalToken.");
    }

    public static AwsException unsupportedRuntime(String runtime) {
        return AwsErrorType.INVALID_ARGUMENT.exception("Runtime environment " + runtime + " is not supported. "
                + "Supported runtime environment: " + RUNTIME + ".");
    }

    public static AwsException snapshotNotFound(String application, String snapshot) {
        return AwsErrorType.RESOURCE_NOT_FOUND.exception(
                "Snapshot " + snapshot + " of application " + application + " is not found.");
    }

    public static AwsException operationNotFound(String application, String operationId) {
        return AwsErrorType.RESOURCE_NOT_FOUND.exception(
                "Operation " + operationId + " of application " + application + " is not found.");
    }

    public static AwsException invalidNextToken(String token) {
        return AwsErrorType.INVALID_ARGUMENT.exception("Invalid NextToken: " + token + ".");
    }
}
