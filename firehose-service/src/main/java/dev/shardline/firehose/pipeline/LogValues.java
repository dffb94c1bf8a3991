package dev.shardline.firehose.pipeline;

/** Values as they go into log lines and error messages: cut to a bound, so that no client's data floods the log. */
public final class LogValues {

    /** The longest value a log line or an error output's message carries. */
    public static final int MAX_LENGTH = 256;

    private LogValues() {}

    /** {@code value} as text, cut to {@link #MAX_LENGTH} characters (with how many were left out). */
    public static String cut(Object value) {
        String text = String.valueOf(value);
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        return text.substring(0, MAX_LENGTH) + "... (" + (text.length() - MAX_LENGTH) + " more characters)";
    }

    /** What went wrong, in one bounded line: the exception's type and message, no stack trace. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        return cut(failure.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }
}
