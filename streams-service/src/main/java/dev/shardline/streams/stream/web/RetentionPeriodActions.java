package dev.shardline.streams.stream.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamSettingsService;
import dev.shardline.streams.web.KinesisActions;
import java.util.List;
import org.springframework.stereotype.Component;

/** IncreaseStreamRetentionPeriod and DecreaseStreamRetentionPeriod on the AWS wire, on {@link StreamSettingsService}. */
@Component
class RetentionPeriodActions implements KinesisActions {

    private final StreamSettingsService settings;

    RetentionPeriodActions(StreamSettingsService settings) {
        this.settings = settings;
    }

    record IncreaseStreamRetentionPeriodRequest(String streamName, String streamARN, Integer retentionPeriodHours) {}

    record DecreaseStreamRetentionPeriodRequest(String streamName, String streamARN, Integer retentionPeriodHours) {}

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of(
                        "IncreaseStreamRetentionPeriod",
                        IncreaseStreamRetentionPeriodRequest.class,
                        this::increaseRetention),
                AwsAction.of(
                        "DecreaseStreamRetentionPeriod",
                        DecreaseStreamRetentionPeriodRequest.class,
                        this::decreaseRetention));
    }

    private Object increaseRetention(IncreaseStreamRetentionPeriodRequest request, AwsRequestContext ctx) {
        StreamRef ref = StreamConstraints.stream(ctx, request.streamName(), request.streamARN());
        settings.increaseRetention(ref, request.retentionPeriodHours());
        return null;
    }

    private Object decreaseRetention(DecreaseStreamRetentionPeriodRequest request, AwsRequestContext ctx) {
        StreamRef ref = StreamConstraints.stream(ctx, request.streamName(), request.streamARN());
        settings.decreaseRetention(ref, request.retentionPeriodHours());
        return null;
    }
}
