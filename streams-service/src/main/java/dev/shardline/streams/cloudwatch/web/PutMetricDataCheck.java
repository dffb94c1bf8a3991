package dev.shardline.streams.cloudwatch.web;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.cloudwatch.MetricSeries;
import dev.shardline.streams.cloudwatch.MetricStatistics;
import dev.shardline.streams.cloudwatch.web.PutMetricDataInput.Dimension;
import dev.shardline.streams.cloudwatch.web.PutMetricDataInput.EntityMetricData;
import dev.shardline.streams.cloudwatch.web.PutMetricDataInput.MetricDatum;
import dev.shardline.streams.cloudwatch.web.PutMetricDataInput.StatisticSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CloudWatch's limits on PutMetricData, checked the way CloudWatch reports them: members named by their query-protocol
 * path ({@code MetricData.member.1.Value}) in every protocol, 1,000 metrics per call, 30 dimensions per metric, names
 * of at most 255 characters, values finite and within 2^360, at most 150 {@code Values} with as many {@code Counts},
 * complete statistic sets, timestamps from two weeks ago to two hours ahead.
 */
final class PutMetricDataCheck {

    static final int MAX_METRICS = 1000;
    static final int MAX_DIMENSIONS = 30;
    static final int MAX_VALUES = 150;
    private static final int MAX_NAME = 255;
    private static final int MAX_DIMENSION_VALUE = 1024;
    private static final double MAX_MAGNITUDE = Math.pow(2, 360);
    private static final Duration PAST = Duration.ofDays(14);
    private static final Duration FUTURE = Duration.ofHours(2);
    static final List<String> UNITS = List.of(
            "Seconds",
            "Microseconds",
            "Milliseconds",
            "Bytes",
            "Kilobytes",
            "Megabytes",
            "Gigabytes",
            "Terabytes",
            "Bits",
            "Kilobits",
            "Megabits",
            "Gigabits",
            "Terabits",
            "Percent",
            "Count",
            "Bytes/Second",
            "Kilobytes/Second",
            "Megabytes/Second",
            "Gigabytes/Second",
            "Terabytes/Second",
            "Bits/Second",
            "Kilobits/Second",
            "Megabits/Second",
            "Gigabits/Second",
            "Terabits/Second",
            "Count/Second",
            "None");
    private static final Set<String> UNIT_SET = Set.copyOf(UNITS);

    /** One datum as it is recorded. */
    record Observation(MetricSeries series, MetricStatistics statistics) {}

    private final Clock clock;

    PutMetricDataCheck(Clock clock) {
        this.clock = clock;
    }

    /**
     * @return every datum of the request, checked
     * @throws AwsException InvalidParameterValue, MissingParameter or InvalidParameterCombination, as CloudWatch
     */
    List<Observation> check(PutMetricDataInput input) {
        String namespace = input.namespace();
        if (namespace == null) {
            throw missing("The parameter Namespace is required.");
        }
        name(namespace, "Namespace", MAX_NAME);
        if (namespace.startsWith(":")) {
            throw invalid("The value " + namespace + " for parameter Namespace is invalid.");
        }
        if (namespace.startsWith("AWS/")) {
            throw invalid("The value AWS/ for parameter Namespace is invalid.");
        }
        List<MetricDatum> data = input.metricData() == null ? List.of() : input.metricData();
        List<EntityMetricData> entities = input.entityMetricData() == null ? List.of() : input.entityMetricData();
        if (data.isEmpty() && entities.isEmpty()) {
            throw missing("At least one of the parameters MetricData or EntityMetricData must be specified.");
        }
        int total = data.size();
        for (EntityMetricData entity : entities) {
            total += entity == null || entity.metricData() == null
                    ? 0
                    : entity.metricData().size();
        }
        if (data.size() > MAX_METRICS) {
            throw invalid("The collection MetricData must not have a size greater than " + MAX_METRICS + ".");
        }
        if (total > MAX_METRICS) {
            throw invalid("The collections MetricData and EntityMetricData must not have a combined size greater than "
                    + MAX_METRICS + ".");
        }
        List<Observation> observations = new ArrayList<>(total);
        for (int i = 0; i < data.size(); i++) {
            observations.add(datum(namespace, data.get(i), "MetricData.member." + (i + 1)));
        }
        for (int e = 0; e < entities.size(); e++) {
            String prefix = "EntityMetricData.member." + (e + 1);
            EntityMetricData entity = entities.get(e);
            if (entity == null || entity.metricData() == null) {
                continue;
            }
            for (int i = 0; i < entity.metricData().size(); i++) {
                observations.add(
                        datum(namespace, entity.metricData().get(i), prefix + ".MetricData.member." + (i + 1)));
            }
        }
        return observations;
    }

    private Observation datum(String namespace, MetricDatum datum, String path) {
        if (datum == null) {
            throw missing("The parameter " + path + " is required.");
        }
        if (datum.metricName() == null) {
            throw missing("The parameter " + path + ".MetricName is required.");
        }
        name(datum.metricName(), path + ".MetricName", MAX_NAME);
        List<Map.Entry<String, String>> dimensions = dimensions(datum.dimensions(), path + ".Dimensions");
        if (datum.timestamp() != null) {
            Instant now = clock.instant();
            if (datum.timestamp().isBefore(now.minus(PAST)) || datum.timestamp().isAfter(now.plus(FUTURE))) {
                throw invalid("The parameter " + path + ".Timestamp must specify a time within the past two weeks.");
            }
        }
        if (datum.unit() != null && !UNIT_SET.contains(datum.unit())) {
            throw invalid(
                    "The parameter " + path + ".Unit must be a value in the set [ " + String.join(", ", UNITS) + " ].");
        }
        if (datum.storageResolution() != null && datum.storageResolution() != 1 && datum.storageResolution() != 60) {
            throw invalid("The value " + datum.storageResolution() + " for parameter " + path
                    + ".StorageResolution is invalid.");
        }
        return new Observation(new MetricSeries(namespace, datum.metricName(), dimensions), statistics(datum, path));
    }

    private static MetricStatistics statistics(MetricDatum datum, String path) {
        boolean hasValues = datum.values() != null && !datum.values().isEmpty();
        boolean hasCounts = datum.counts() != null && !datum.counts().isEmpty();
        StatisticSet set = datum.statisticValues();
        if (datum.value() != null && set != null) {
            throw combination(path + ".Value", path + ".StatisticValues");
        }
        if (datum.value() != null && hasValues) {
            throw combination(path + ".Value", path + ".Values");
        }
        if (set != null && hasValues) {
            throw combination(path + ".StatisticValues", path + ".Values");
        }
        if (datum.value() != null) {
            return MetricStatistics.ofValue(value(datum.value(), path + ".Value"));
        }
        if (set != null) {
            return statisticSet(set, path + ".StatisticValues");
        }
        if (hasValues) {
            return values(datum, hasCounts, path);
        }
        if (hasCounts) {
            throw missing("The parameter " + path + ".Values is required when " + path + ".Counts is specified.");
        }
        throw missing("At least one of the parameters " + path + ".Value, " + path + ".StatisticValues or " + path
                + ".Values must be specified.");
    }

    private static MetricStatistics values(MetricDatum datum, boolean hasCounts, String path) {
        List<Double> values = datum.values();
        if (values.size() > MAX_VALUES) {
            throw invalid("The collection " + path + ".Values must not have a size greater than " + MAX_VALUES + ".");
        }
        if (hasCounts && datum.counts().size() != values.size()) {
            throw invalid("The parameters " + path + ".Values and " + path + ".Counts must be of the same size.");
        }
        double[] v = new double[values.size()];
        double[] c = hasCounts ? new double[values.size()] : null;
        for (int i = 0; i < v.length; i++) {
            v[i] = value(values.get(i), path + ".Values.member." + (i + 1));
            if (c != null) {
                String member = path + ".Counts.member." + (i + 1);
                c[i] = value(datum.counts().get(i), member);
                if (c[i] < 0) {
                    throw invalid("The value " + number(c[i]) + " for parameter " + member + " is invalid.");
                }
            }
        }
        return MetricStatistics.ofValues(v, c);
    }

    private static MetricStatistics statisticSet(StatisticSet set, String path) {
        List<String> absent = new ArrayList<>();
        if (set.sampleCount() == null) {
            absent.add("The parameter " + path + ".SampleCount is required.");
        }
        if (set.sum() == null) {
            absent.add("The parameter " + path + ".Sum is required.");
        }
        if (set.minimum() == null) {
            absent.add("The parameter " + path + ".Minimum is required.");
        }
        if (set.maximum() == null) {
            absent.add("The parameter " + path + ".Maximum is required.");
        }
        if (!absent.isEmpty()) {
            throw missing(String.join("\n", absent));
        }
        double samples = value(set.sampleCount(), path + ".SampleCount");
        double sum = value(set.sum(), path + ".Sum");
        double minimum = value(set.minimum(), path + ".Minimum");
        double maximum = value(set.maximum(), path + ".Maximum");
        if (samples <= 0) {
            throw invalid("The parameter " + path + ".SampleCount must be greater than 0.");
        }
        if (maximum < minimum) {
            throw invalid("The parameter " + path + ".Maximum must be greater than or equal to " + path + ".Minimum.");
        }
        return new MetricStatistics(samples, sum, minimum, maximum);
    }

    private static List<Map.Entry<String, String>> dimensions(List<Dimension> dimensions, String path) {
        if (dimensions == null) {
            return List.of();
        }
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw invalid("The collection " + path + " must not have a size greater than " + MAX_DIMENSIONS + ".");
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>(dimensions.size());
        for (int i = 0; i < dimensions.size(); i++) {
            String member = path + ".member." + (i + 1);
            Dimension dimension = dimensions.get(i);
            if (dimension == null || dimension.name() == null) {
                throw missing("The parameter " + member + ".Name is required.");
            }
            if (dimension.value() == null) {
                throw missing("The parameter " + member + ".Value is required.");
            }
            name(dimension.name(), member + ".Name", MAX_NAME);
            if (dimension.name().startsWith(":") || dimension.name().isBlank()) {
                throw invalid("The value " + dimension.name() + " for parameter " + member + ".Name is invalid.");
            }
            name(dimension.value(), member + ".Value", MAX_DIMENSION_VALUE);
            if (dimension.value().isBlank()) {
                throw invalid("The value " + dimension.value() + " for parameter " + member + ".Value is invalid.");
            }
            entries.add(Map.entry(dimension.name(), dimension.value()));
        }
        return entries;
    }

    /** Non-empty, at most {@code max} characters, ASCII without control characters. */
    private static void name(String text, String parameter, int max) {
        if (text.isEmpty()) {
            throw invalid("The parameter " + parameter + " must be longer than 0 characters.");
        }
        if (text.length() > max) {
            throw invalid("The parameter " + parameter + " must be shorter than " + (max + 1) + " characters.");
        }
        if (!text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw invalid("The parameter " + parameter + " must contain only ASCII characters, without control"
                    + " characters.");
        }
    }

    private static double value(Double value, String parameter) {
        if (value == null) {
            throw missing("The parameter " + parameter + " is required.");
        }
        if (!Double.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
            throw invalid("The value " + number(value) + " for parameter " + parameter + " is invalid.");
        }
        return value;
    }

    private static String number(double value) {
        return Double.toString(value);
    }

    private static AwsException invalid(String message) {
        return AwsErrorType.INVALID_PARAMETER_VALUE.exception(message);
    }

    private static AwsException missing(String message) {
        return AwsErrorType.MISSING_PARAMETER.exception(message);
    }

    private static AwsException combination(String first, String second) {
        return combination(
                "The parameters " + first + " and " + second + " are mutually exclusive and you have specified both.");
    }

    private static AwsException combination(String message) {
        return AwsErrorType.INVALID_PARAMETER_COMBINATION.exception(message);
    }
}
