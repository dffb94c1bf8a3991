package dev.shardline.streams.stream.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamSettingsService;
import dev.shardline.streams.web.KinesisActions;
import java.util.List;
import org.springframework.stereotype.Component;

/** UpdateMaxRecordSize on the AWS wire, on {@link StreamSettingsService}. */
@Component
class UpdateMaxRecordSizeAction implements KinesisActions {

    private final StreamSettingsService settings;

    UpdateMaxRecordSizeAction(StreamSettingsService settings) {
        this.settings = settings;
    }

    record UpdateMaxRecordSizeRequest(String streamARN, Integer maxRecordSizeInKiB) {}

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("UpdateMaxRecordSize", UpdateMaxRecordSizeRequest.class, this::updateMaxRecordSize));
    }

    private Object updateMaxRecordSize(UpdateMaxRecordSizeRequest request, AwsRequestContext ctx) {
        // The action names its stream by ARN only.
        StreamRef ref = StreamConstraints.stream(ctx, null, request.streamARN());
        settings.updateMaxRecordSize(ref, request.maxRecordSizeInKiB());
        return null;
    }
}
