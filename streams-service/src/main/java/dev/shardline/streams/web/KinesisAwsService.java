package dev.shardline.streams.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsJsonService;
import java.util.List;
import org.springframework.stereotype.Component;

/** Kinesis Data Streams on the AWS wire: target prefix {@code Kinesis_20131202}, JSON 1.1 and CBOR 1.1. */
@Component
class KinesisAwsService implements AwsJsonService {

    private final List<AwsAction<?, ?>> actions;

    KinesisAwsService(List<KinesisActions> groups) {
        this.actions =
                groups.stream().flatMap(group -> group.actions().stream()).toList();
    }

    @Override
    public String targetPrefix() {
        return "Kinesis_20131202";
    }

    @Override
    public List<AwsAction<?, ?>> actions() {
        return actions;
    }
}
