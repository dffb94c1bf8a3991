package dev.shardline.streams.application.web;

import dev.shardline.kinesis.StreamName;
import dev.shardline.platform.aws.RestCaller;
import dev.shardline.streams.application.KclApplications;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Kinesis Client Library applications that read the account's streams, from their lease tables; read-only. */
@RestController
@RequestMapping("/v1")
@Tag(
        name = "KCL applications",
        description = "Kinesis Client Library applications reading the streams: leases, owners, checkpoints, lag")
class KclApplicationsRestController {

    private final KclApplications applications;
    private final StreamService streams;
    private final RestCaller caller;

    KclApplicationsRestController(KclApplications applications, StreamService streams, RestCaller caller) {
        this.applications = applications;
        this.streams = streams;
        this.caller = caller;
    }

    @GetMapping("/streams/{name}/applications")
    @Operation(
            operationId = "listStreamKclApplications",
            summary = "List the KCL applications reading a stream",
            description = "Each application (its lease table) with, per shard, the lease's owner (the worker), lease"
                    + " counter, checkpoint and how many records the checkpoint is behind the shard's latest record."
                    + " A single-stream lease table is matched to the stream by its checkpoints' sequence numbers or"
                    + " by the enhanced fan-out consumer named after the application (docs/kcl.md).")
    ApplicationList ofStream(@PathVariable String name) {
        StreamRef ref = new StreamRef(caller.accountId(), caller.region(), new StreamName(name).value());
        return new ApplicationList(applications.of(streams.describe(ref)).stream()
                .map(Application::of)
                .toList());
    }

    @GetMapping("/kcl/applications")
    @Operation(
            operationId = "listKclApplications",
            summary = "List every KCL application of the account",
            description = "One entry per lease table and stream it reads; leases whose stream could not be found"
                    + " (no checkpoint and no enhanced fan-out consumer yet, or a deleted stream) have stream null.")
    ApplicationList all() {
        return new ApplicationList(applications.all(caller.accountId(), caller.region()).stream()
                .map(Application::of)
                .toList());
    }

    record ApplicationList(List<Application> applications) {}

    record Application(
            String name,
            String stream,
            String streamFoundBy,
            Instant leaseTableCreatedAt,
            Set<String> workers,
            List<ShardLease> shards) {

        static Application of(KclApplications.Application application) {
            return new Application(
                    application.name(),
                    application.stream(),
                    application.resolvedBy(),
                    application.leaseTableCreatedAt(),
                    application.workers(),
                    application.shards().stream().map(ShardLease::of).toList());
        }
    }

    record ShardLease(
            String shardId,
            String leaseKey,
            String leaseOwner,
            Long leaseCounter,
            String checkpoint,
            Long checkpointSubSequenceNumber,
            Instant checkpointedRecordArrivedAt,
            Long recordsBehind,
            Long ownerSwitchesSinceCheckpoint) {

        static ShardLease of(KclApplications.ShardLease lease) {
            return new ShardLease(
                    lease.shardId(),
                    lease.leaseKey(),
                    lease.leaseOwner(),
                    lease.leaseCounter(),
                    lease.checkpoint(),
                    lease.checkpointSubSequenceNumber(),
                    lease.checkpointedRecordArrivedAt(),
                    lease.recordsBehind(),
                    lease.ownerSwitchesSinceCheckpoint());
        }
    }
}
