package dev.shardline.platform.console;

import dev.shardline.platform.error.AwsException;
import java.util.function.Supplier;

/**
 * What a console form did: the success message, or the AWS error it met, with AWS's error type and message as the AWS
 * API would answer them (the console calls the same application services).
 */
public record ConsoleOutcome(boolean ok, String message, String errorType) {

    public static ConsoleOutcome attempt(Supplier<String> action) {
        try {
            return new ConsoleOutcome(true, action.get(), null);
        } catch (AwsException refused) {
            return new ConsoleOutcome(
                    false, refused.getMessage(), refused.errorType().type());
        }
    }
}
