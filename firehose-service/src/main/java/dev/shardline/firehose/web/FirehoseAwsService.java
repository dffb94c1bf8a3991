package dev.shardline.firehose.web;

import dev.shardline.firehose.deliverystream.web.DeliveryStreamActions;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamEncryptionActions;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamTagActions;
import dev.shardline.firehose.deliverystream.web.UpdateDestinationActions;
import dev.shardline.firehose.ingest.web.FirehoseRecordActions;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsJsonService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Firehose on the AWS wire: target prefix {@code Firehose_20150804}, AWS JSON 1.1. */
@Component
class FirehoseAwsService implements AwsJsonService {

    private final List<AwsAction<?, ?>> actions = new ArrayList<>();

    // Five collaborators: one set of AWS actions per feature, joined under Firehose's one target prefix.
    FirehoseAwsService(
            DeliveryStreamActions streamActions,
            FirehoseRecordActions recordActions,
            UpdateDestinationActions updateDestinationActions,
            DeliveryStreamTagActions tagActions,
            DeliveryStreamEncryptionActions encryptionActions) {
        actions.addAll(streamActions.actions());
        actions.addAll(recordActions.actions());
        actions.addAll(updateDestinationActions.actions());
        actions.addAll(tagActions.actions());
        actions.addAll(encryptionActions.actions());
    }

    @Override
    public String targetPrefix() {
        return "Firehose_20150804";
    }

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.copyOf(actions);
    }
}
