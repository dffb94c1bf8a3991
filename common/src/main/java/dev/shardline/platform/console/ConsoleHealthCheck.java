package dev.shardline.platform.console;

/**
 * One piece of infrastructure on the overview's health list (PostgreSQL, Kafka, the object store, Flink). A check
 * answers within a few seconds and never throws: what went wrong is its {@link Health#detail()}.
 */
public interface ConsoleHealthCheck {

    String name();

    Health check();

    /** Where the overview lists the check, lowest first. */
    default int order() {
        return 100;
    }

    record Health(boolean up, String detail) {

        public static Health up(String detail) {
            return new Health(true, detail);
        }

        public static Health down(String detail) {
            return new Health(false, detail);
        }

        public static Health down(Exception failure) {
            String message = failure.getMessage();
            return new Health(false, failure.getClass().getSimpleName() + (message == null ? "" : ": " + message));
        }
    }
}
