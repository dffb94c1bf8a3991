package dev.shardline.analytics.web;

import dev.shardline.analytics.application.web.ApplicationActions;
import dev.shardline.analytics.application.web.RunActions;
import dev.shardline.analytics.application.web.SnapshotActions;
import dev.shardline.analytics.application.web.TagActions;
import dev.shardline.analytics.application.web.UnsupportedActions;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsJsonService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Managed Service for Apache Flink on the AWS wire: target prefix {@code KinesisAnalytics_20180523}, AWS JSON 1.1. */
@Component
class AnalyticsAwsService implements AwsJsonService {

    private final List<AwsAction<?, ?>> actions = new ArrayList<>();

    // Five collaborators: one set of AWS actions per concern, joined under one target prefix.
    AnalyticsAwsService(
            ApplicationActions applicationActions,
            RunActions runActions,
            SnapshotActions snapshotActions,
            TagActions tagActions,
            UnsupportedActions unsupportedActions) {
        actions.addAll(applicationActions.actions());
        actions.addAll(runActions.actions());
        actions.addAll(snapshotActions.actions());
        actions.addAll(tagActions.actions());
        actions.addAll(unsupportedActions.actions());
    }

    @Override
    public String targetPrefix() {
        return "KinesisAnalytics_20180523";
    }

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.copyOf(actions);
    }
}
