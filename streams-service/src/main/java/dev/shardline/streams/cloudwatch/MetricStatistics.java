package dev.shardline.streams.cloudwatch;

/**
 * What one published datum adds to its series, in CloudWatch's own terms: a single value, a set of values with their
 * counts, or a statistic set are all a sample count, a sum, a minimum and a maximum.
 */
public record MetricStatistics(double sampleCount, double sum, double minimum, double maximum) {

    public static MetricStatistics ofValue(double value) {
        return new MetricStatistics(1, value, value, value);
    }

    /** {@code Values} with their {@code Counts} (a count of 1 each where counts are absent). */
    public static MetricStatistics ofValues(double[] values, double[] counts) {
        double samples = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            double count = counts == null ? 1 : counts[i];
            samples += count;
            sum += values[i] * count;
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        return new MetricStatistics(samples, sum, min, max);
    }
}
