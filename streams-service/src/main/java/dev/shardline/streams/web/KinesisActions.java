package dev.shardline.streams.web;

import dev.shardline.platform.aws.AwsAction;
import java.util.List;

/**
 * A group of Kinesis actions on the AWS wire, kept beside its feature ({@code stream/web}, {@code shard/web}, ...);
 * {@link KinesisAwsService} serves every group's actions under one target prefix.
 */
public interface KinesisActions {

    List<AwsAction<?, ?>> actions();
}
