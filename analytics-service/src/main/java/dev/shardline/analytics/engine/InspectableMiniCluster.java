package dev.shardline.analytics.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.scheduler.ExecutionGraphInfo;

/** A MiniCluster that also tells a job's exception history: each entry is one failure, i.e. one restart or the end. */
final class InspectableMiniCluster extends MiniCluster {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    InspectableMiniCluster(MiniClusterConfiguration configuration) {
        super(configuration);
    }

    CompletableFuture<ExecutionGraphInfo> executionGraphInfo(JobID job) {
        return getDispatcherGatewayFuture().thenCompose(gateway -> gateway.requestExecutionGraphInfo(job, TIMEOUT));
    }
}
