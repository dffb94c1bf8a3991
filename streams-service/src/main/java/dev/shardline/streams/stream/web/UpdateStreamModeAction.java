package dev.shardline.streams.stream.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamMode;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamResharding;
import dev.shardline.streams.web.KinesisActions;
import java.util.List;
import org.springframework.stereotype.Component;

/** UpdateStreamMode on the AWS wire: PROVISIONED or ON_DEMAND capacity, on {@link StreamResharding}. */
@Component
class UpdateStreamModeAction implements KinesisActions {

    private final StreamResharding resharding;

    UpdateStreamModeAction(StreamResharding resharding) {
        this.resharding = resharding;
    }

    record UpdateStreamModeRequest(String streamARN, StreamShapes.StreamModeDetails streamModeDetails) {}

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(AwsAction.of("UpdateStreamMode", UpdateStreamModeRequest.class, this::updateStreamMode));
    }

    private Object updateStreamMode(UpdateStreamModeRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        v.required("streamARN", request.streamARN());
        String mode = request.streamModeDetails() == null
                ? null
                : request.streamModeDetails().streamMode();
        if (v.required("streamModeDetails", request.streamModeDetails())
                && v.required("streamModeDetails.streamMode", mode)) {
            v.oneOf("streamModeDetails.streamMode", mode, List.of("PROVISIONED", "ON_DEMAND"));
        }
        StreamRef ref = StreamConstraints.stream(v, ctx, null, request.streamARN());
        resharding.changeMode(ref, StreamMode.valueOf(mode));
        return null;
    }
}
