package dev.shardline.streams.stream.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
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
        StreamRef ref = StreamConstraints.stream(ctx, null, request.streamARN());
        resharding.changeMode(
                ref, StreamMode.valueOf(request.streamModeDetails().streamMode()));
        return null;
    }
}
