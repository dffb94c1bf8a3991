package dev.shardline.streams.aws;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsJsonService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Kinesis Data Streams on the AWS wire: target prefix {@code Kinesis_20131202}, JSON 1.1 and CBOR 1.1. */
@Component
class KinesisAwsService implements AwsJsonService {

    private final List<AwsAction<?, ?>> actions = new ArrayList<>();

    KinesisAwsService(
            StreamActions streamActions,
            RecordActions recordActions,
            ReshardActions reshardActions,
            TagActions tagActions,
            StreamSettingsActions settingsActions,
            ConsumerActions consumerActions,
            EncryptionActions encryptionActions) {
        actions.addAll(streamActions.actions());
        actions.addAll(recordActions.actions());
        actions.addAll(reshardActions.actions());
        actions.addAll(tagActions.actions());
        actions.addAll(settingsActions.actions());
        actions.addAll(consumerActions.actions());
        actions.addAll(encryptionActions.actions());
    }

    @Override
    public String targetPrefix() {
        return "Kinesis_20131202";
    }

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.copyOf(actions);
    }
}
