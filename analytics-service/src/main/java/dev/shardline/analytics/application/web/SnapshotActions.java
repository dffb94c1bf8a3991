package dev.shardline.analytics.application.web;

import static dev.shardline.analytics.application.web.ApplicationActions.ref;

import dev.shardline.analytics.application.ApplicationSnapshots;
import dev.shardline.analytics.application.SnapshotView;
import dev.shardline.analytics.application.web.ApplicationShapes.SnapshotDetails;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** CreateApplicationSnapshot, DescribeApplicationSnapshot, ListApplicationSnapshots, DeleteApplicationSnapshot. */
@Component
public class SnapshotActions {

    private static final int DEFAULT_LIMIT = 50;

    private final ApplicationSnapshots snapshots;

    SnapshotActions(ApplicationSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    record SnapshotRequest(String applicationName, String snapshotName) {}

    record DescribeApplicationSnapshotResponse(SnapshotDetails snapshotDetails) {}

    record ListApplicationSnapshotsRequest(String applicationName, Integer limit, String nextToken) {}

    record ListApplicationSnapshotsResponse(List<SnapshotDetails> snapshotSummaries, String nextToken) {}

    record DeleteApplicationSnapshotRequest(
            String applicationName, String snapshotName, Instant snapshotCreationTimestamp) {}

    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("CreateApplicationSnapshot", SnapshotRequest.class, this::create),
                AwsAction.of("DescribeApplicationSnapshot", SnapshotRequest.class, this::describe),
                AwsAction.of("ListApplicationSnapshots", ListApplicationSnapshotsRequest.class, this::list),
                AwsAction.of("DeleteApplicationSnapshot", DeleteApplicationSnapshotRequest.class, this::delete));
    }

    private Object create(SnapshotRequest request, AwsRequestContext ctx) {
        snapshots.create(ref(ctx, request.applicationName()), request.snapshotName());
        return null;
    }

    private DescribeApplicationSnapshotResponse describe(SnapshotRequest request, AwsRequestContext ctx) {
        return new DescribeApplicationSnapshotResponse(
                details(snapshots.describe(ref(ctx, request.applicationName()), request.snapshotName())));
    }

    private ListApplicationSnapshotsResponse list(ListApplicationSnapshotsRequest request, AwsRequestContext ctx) {
        ApplicationSnapshots.SnapshotPage page = snapshots.list(
                ref(ctx, request.applicationName()),
                request.nextToken(),
                request.limit() == null ? DEFAULT_LIMIT : request.limit());
        return new ListApplicationSnapshotsResponse(
                page.snapshots().stream().map(SnapshotActions::details).toList(), page.next());
    }

    private Object delete(DeleteApplicationSnapshotRequest request, AwsRequestContext ctx) {
        snapshots.delete(
                ref(ctx, request.applicationName()), request.snapshotName(), request.snapshotCreationTimestamp());
        return null;
    }

    static SnapshotDetails details(SnapshotView s) {
        return new SnapshotDetails(s.name(), s.status(), s.versionId(), s.createdAt(), s.runtimeEnvironment());
    }
}
