package dev.shardline.analytics.engine;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.util.function.Supplier;

/** Flink's refusals as AWS's: code that does not parse, plan or load is a CodeValidationException with Flink's words. */
final class EngineErrors {

    private EngineErrors() {}

    static <T> T asCodeValidation(Supplier<T> step) {
        try {
            return step.get();
        } catch (AwsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * An AWS error raised inside Flink (an unknown stream in a connector, found while planning) keeps its type;
     * anything else is the code's fault, with the message of Flink's own exception and its causes.
     */
    static AwsException translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AwsException aws) {
                return aws;
            }
        }
        return AwsErrorType.CODE_VALIDATION.exception(message(failure));
    }

    static String message(Throwable failure) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = failure; t != null && message.length() < 2000; t = t.getCause()) {
            String text = t.getMessage() == null ? null : t.getMessage().strip();
            if (text != null && !text.isEmpty() && message.indexOf(text) < 0) {
                if (!message.isEmpty()) {
                    message.append(": ");
                }
                message.append(text);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return message.isEmpty() ? failure.getClass().getSimpleName() : message.toString();
    }
}
