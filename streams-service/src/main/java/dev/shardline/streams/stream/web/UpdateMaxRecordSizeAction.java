package dev.shardline.streams.stream.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamSettingsService;
import dev.shardline.streams.web.KinesisActions;
import java.util.List;
import org.springframework.stereotype.Component;

/** UpdateMaxRecordSize on the AWS wire, on {@link StreamSettingsService}. */
@Component
class UpdateMaxRecordSizeAction implements KinesisActions {

    private static final int MIN_MAX_RECORD_SIZE_KIB = 1024;
    private static final int MAX_MAX_RECORD_SIZE_KIB = 10240;

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
}
