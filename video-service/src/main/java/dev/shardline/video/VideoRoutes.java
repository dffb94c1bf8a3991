package dev.shardline.video;

import dev.shardline.platform.aws.AwsRestRoute;
import java.util.List;

/** One feature's share of Kinesis Video Streams' REST-JSON face: the routes its web package serves. */
public interface VideoRoutes {

    List<AwsRestRoute<?, ?>> routes();
}
