package dev.shardline.streams.lease;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsJsonService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The Kinesis Client Library's lease store on the DynamoDB wire: target prefix {@code DynamoDB_20120810}, AWS JSON 1.0,
 * on the same port as Kinesis. It serves the calls the KCL makes for its lease, coordinator-state and worker-metrics
 * tables, not DynamoDB at large: any other call is answered UnknownOperationException (docs/kcl.md).
 */
@Component
class DynamoDbAwsService implements AwsJsonService {

    private final List<AwsAction<?, ?>> actions;

    DynamoDbAwsService(LeaseTableActions tables, LeaseItemActions items, LeaseReadActions reads) {
        List<AwsAction<?, ?>> all = new ArrayList<>(tables.actions());
        all.addAll(items.actions());
        all.addAll(reads.actions());
        this.actions = List.copyOf(all);
    }

    @Override
    public String targetPrefix() {
        return "DynamoDB_20120810";
    }

    @Override
    public List<AwsAction<?, ?>> actions() {
        return actions;
    }
}
