package dev.shardline.streams.aws;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.aws.StreamShapes.EnhancedMetrics;
import dev.shardline.streams.stream.ShardLevelMetric;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamSettingsService;
import dev.shardline.streams.stream.StreamSettingsService.MetricsChange;
import dev.shardline.streams.stream.StreamView;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** The Kinesis actions that change a live stream's settings, on the AWS wire, mapped onto {@link StreamSettingsService}. */
@Component
class StreamSettingsActions {

    private static final String ALL_METRICS = "ALL";
    private static final List<String> METRIC_NAMES = Stream.concat(
                    Arrays.stream(ShardLevelMetric.values()).map(ShardLevelMetric::awsName), Stream.of(ALL_METRICS))
            .toList();
    private static final int MIN_MAX_RECORD_SIZE_KIB = 1024;
    private static final int MAX_MAX_RECORD_SIZE_KIB = 10240;

    private final StreamSettingsService settings;

    StreamSettingsActions(StreamSettingsService settings) {
        this.settings = settings;
    }

    List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of(
                        "IncreaseStreamRetentionPeriod",
                        IncreaseStreamRetentionPeriodRequest.class,
                        this::increaseRetention),
                AwsAction.of(
                        "DecreaseStreamRetentionPeriod",
                        DecreaseStreamRetentionPeriodRequest.class,
                        this::decreaseRetention),
                AwsAction.of("UpdateMaxRecordSize", UpdateMaxRecordSizeRequest.class, this::updateMaxRecordSize),
                AwsAction.of("EnableEnhancedMonitoring", EnableEnhancedMonitoringRequest.class, this::enableMonitoring),
                AwsAction.of(
                        "DisableEnhancedMonitoring", DisableEnhancedMonitoringRequest.class, this::disableMonitoring));
    }

    record IncreaseStreamRetentionPeriodRequest(String streamName, String streamARN, Integer retentionPeriodHours) {}

    record DecreaseStreamRetentionPeriodRequest(String streamName, String streamARN, Integer retentionPeriodHours) {}

    record UpdateMaxRecordSizeRequest(String streamARN, Integer maxRecordSizeInKiB) {}

    record EnableEnhancedMonitoringRequest(String streamName, String streamARN, List<String> shardLevelMetrics) {}

    record DisableEnhancedMonitoringRequest(String streamName, String streamARN, List<String> shardLevelMetrics) {}

    /** AWS's EnhancedMonitoringOutput, the answer to both Enable- and DisableEnhancedMonitoring. */
    record EnhancedMonitoringOutput(
            String streamName,
            String streamARN,
            List<String> currentShardLevelMetrics,
            List<String> desiredShardLevelMetrics) {}

    private Object increaseRetention(IncreaseStreamRetentionPeriodRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        v.required("retentionPeriodHours", request.retentionPeriodHours());
        StreamRef ref = StreamConstraints.stream(v, ctx, request.streamName(), request.streamARN());
        settings.increaseRetention(ref, request.retentionPeriodHours());
        return null;
    }

    private Object decreaseRetention(DecreaseStreamRetentionPeriodRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        v.required("retentionPeriodHours", request.retentionPeriodHours());
        StreamRef ref = StreamConstraints.stream(v, ctx, request.streamName(), request.streamARN());
        settings.decreaseRetention(ref, request.retentionPeriodHours());
        return null;
    }

    private Object updateMaxRecordSize(UpdateMaxRecordSizeRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        if (v.required("maxRecordSizeInKiB", request.maxRecordSizeInKiB())) {
            v.range(
                    "maxRecordSizeInKiB",
                    request.maxRecordSizeInKiB(),
                    MIN_MAX_RECORD_SIZE_KIB,
                    MAX_MAX_RECORD_SIZE_KIB);
        }
        // The action names its stream by ARN only.
        StreamRef ref = StreamConstraints.stream(v, ctx, null, request.streamARN());
        settings.updateMaxRecordSize(ref, request.maxRecordSizeInKiB());
        return null;
    }

    private EnhancedMonitoringOutput enableMonitoring(EnableEnhancedMonitoringRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        Set<ShardLevelMetric> metrics = metrics(v, request.shardLevelMetrics());
        StreamRef ref = StreamConstraints.stream(v, ctx, request.streamName(), request.streamARN());
        return output(ref, settings.enableMetrics(ref, metrics));
    }

    private EnhancedMonitoringOutput disableMonitoring(
            DisableEnhancedMonitoringRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        Set<ShardLevelMetric> metrics = metrics(v, request.shardLevelMetrics());
        StreamRef ref = StreamConstraints.stream(v, ctx, request.streamName(), request.streamARN());
        return output(ref, settings.disableMetrics(ref, metrics));
    }

    /** The metrics a request names, with AWS's constraints; ALL stands for every metric, as AWS expands it. */
    private static Set<ShardLevelMetric> metrics(Validation v, List<String> names) {
        Set<ShardLevelMetric> metrics = EnumSet.noneOf(ShardLevelMetric.class);
        if (!v.required("shardLevelMetrics", names)) {
            return metrics;
        }
        v.size("shardLevelMetrics", names, 1, 7);
        if (names.stream().anyMatch(name -> name == null || !METRIC_NAMES.contains(name))) {
            v.fail(
                    "shardLevelMetrics",
                    names,
                    "Member must satisfy constraint: [Member must satisfy enum value set: " + METRIC_NAMES + "]");
            return metrics;
        }
        if (names.contains(ALL_METRICS)) {
            return EnumSet.allOf(ShardLevelMetric.class);
        }
        names.forEach(name -> metrics.add(ShardLevelMetric.fromAwsName(name).orElseThrow()));
        return metrics;
    }

    private static EnhancedMonitoringOutput output(StreamRef ref, MetricsChange change) {
        return new EnhancedMonitoringOutput(ref.name(), ref.arn(), names(change.current()), names(change.desired()));
    }

    /** DescribeStream's and DescribeStreamSummary's EnhancedMonitoring: one entry with the enabled metrics. */
    static List<EnhancedMetrics> enhancedMonitoring(StreamView stream) {
        return List.of(new EnhancedMetrics(names(stream.shardLevelMetrics())));
    }

    private static List<String> names(Collection<ShardLevelMetric> metrics) {
        return metrics.stream().sorted().map(ShardLevelMetric::awsName).toList();
    }
}
