package dev.shardline.streams.stream.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.stream.ShardLevelMetric;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamSettingsService;
import dev.shardline.streams.stream.StreamSettingsService.MetricsChange;
import dev.shardline.streams.stream.StreamView;
import dev.shardline.streams.stream.web.StreamShapes.EnhancedMetrics;
import dev.shardline.streams.web.KinesisActions;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** EnableEnhancedMonitoring and DisableEnhancedMonitoring on the AWS wire, on {@link StreamSettingsService}. */
@Component
class EnhancedMonitoringActions implements KinesisActions {

    private static final String ALL_METRICS = "ALL";
    private static final List<String> METRIC_NAMES = Stream.concat(
                    Arrays.stream(ShardLevelMetric.values()).map(ShardLevelMetric::awsName), Stream.of(ALL_METRICS))
            .toList();

    private final StreamSettingsService settings;

    EnhancedMonitoringActions(StreamSettingsService settings) {
        this.settings = settings;
    }

    record EnableEnhancedMonitoringRequest(String streamName, String streamARN, List<String> shardLevelMetrics) {}

    record DisableEnhancedMonitoringRequest(String streamName, String streamARN, List<String> shardLevelMetrics) {}

    /** AWS's EnhancedMonitoringOutput, the answer to both Enable- and DisableEnhancedMonitoring. */
    record EnhancedMonitoringOutput(
            String streamName,
            String streamARN,
            List<String> currentShardLevelMetrics,
            List<String> desiredShardLevelMetrics) {}

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("EnableEnhancedMonitoring", EnableEnhancedMonitoringRequest.class, this::enableMonitoring),
                AwsAction.of(
                        "DisableEnhancedMonitoring", DisableEnhancedMonitoringRequest.class, this::disableMonitoring));
    }

    private EnhancedMonitoringOutput enableMonitoring(EnableEnhancedMonitoringRequest request, AwsRequestContext ctx) {
        Set<ShardLevelMetric> metrics = metrics(request.shardLevelMetrics());
        StreamRef ref = StreamConstraints.stream(ctx, request.streamName(), request.streamARN());
        return output(ref, settings.enableMetrics(ref, metrics));
    }

    private EnhancedMonitoringOutput disableMonitoring(
            DisableEnhancedMonitoringRequest request, AwsRequestContext ctx) {
        Set<ShardLevelMetric> metrics = metrics(request.shardLevelMetrics());
        StreamRef ref = StreamConstraints.stream(ctx, request.streamName(), request.streamARN());
        return output(ref, settings.disableMetrics(ref, metrics));
    }

    /**
     * The metrics a request names; ALL stands for every metric, as AWS expands it. The model checked the names; a null
     * among them, which the model lets through, is refused as a name outside the set.
     */
    private static Set<ShardLevelMetric> metrics(List<String> names) {
        if (names.contains(null)) {
            Validation.of()
                    .fail(
                            "shardLevelMetrics",
                            names,
                            "Member must satisfy constraint: [Member must satisfy enum value set: " + METRIC_NAMES
                                    + "]")
                    .throwIfInvalid();
        }
        Set<ShardLevelMetric> metrics = EnumSet.noneOf(ShardLevelMetric.class);
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
