package dev.shardline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Managed Flink on Shardline, driven as a user would through the AWS SDK's {@code KinesisAnalyticsV2Client} and
 * {@code KinesisClient} (bench/analytics.sh): the same windowed Flink SQL over a Shardline stream and over a plain Kafka
 * topic on the same broker, put-to-window-result latency, checkpoint durations from the application's Flink dashboard,
 * and the time from {@code kill -9} of the runtime to the application running and caught up again. Prints one
 * {@code RESULT} line per measurement.
 */
public final class AnalyticsBench {

    private AnalyticsBench() {}

    public static void main(String[] args) throws Exception {
        AnalyticsOptions options;
        try {
            options = AnalyticsOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        List<Result> results = new ArrayList<>();
        try (KinesisClient kinesis = KinesisClients.create(options.endpoint(), true, 16);
                AnalyticsApps apps = new AnalyticsApps(options.endpoint())) {
            if (options.phases().contains(AnalyticsOptions.THROUGHPUT)) {
                results.addAll(new AnalyticsThroughputPhase(options, kinesis, apps, suffix).run());
            }
            if (options.phases().contains(AnalyticsOptions.LATENCY)
                    || options.phases().contains(AnalyticsOptions.RECOVERY)) {
                results.addAll(new AnalyticsLatencyPhase(options, kinesis, apps, suffix).run());
            }
        }
        boolean ok = true;
        for (Result result : results) {
            String line = result.line();
            System.out.println(line);
            ok &= !line.contains("status=") || line.contains("status=ok");
        }
        System.exit(ok ? 0 : 1);
    }

    static void log(String format, Object... args) {
        System.err.println("[analytics-bench] " + String.format(Locale.ROOT, format, args));
    }
}
