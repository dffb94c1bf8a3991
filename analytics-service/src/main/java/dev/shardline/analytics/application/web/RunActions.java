package dev.shardline.analytics.application.web;

import static dev.shardline.analytics.application.web.ApplicationActions.ref;

import dev.shardline.analytics.application.ApplicationCommands;
import dev.shardline.analytics.application.ApplicationOperations;
import dev.shardline.analytics.application.ApplicationRuns;
import dev.shardline.analytics.application.OperationView;
import dev.shardline.analytics.application.RestoreType;
import dev.shardline.analytics.application.web.ApplicationShapes.*;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * StartApplication, StopApplication, CreateApplicationPresignedUrl and the operations they leave behind
 * (ListApplicationOperations, DescribeApplicationOperation).
 */
@Component
public class RunActions {

    private static final int DEFAULT_LIMIT = 50;

    private final ApplicationRuns runs;
    private final ApplicationOperations operations;

    RunActions(ApplicationRuns runs, ApplicationOperations operations) {
        this.runs = runs;
        this.operations = operations;
    }

    record StartApplicationRequest(String applicationName, RunConfiguration runConfiguration) {}

    record StopApplicationRequest(String applicationName, Boolean force) {}

    record OperationIdResponse(String operationId) {}

    record CreateApplicationPresignedUrlRequest(
            String applicationName, String urlType, Long sessionExpirationDurationInSeconds) {}

    record CreateApplicationPresignedUrlResponse(String authorizedUrl) {}

    record ListApplicationOperationsRequest(
            String applicationName, Integer limit, String nextToken, String operation, String operationStatus) {}

    record ListApplicationOperationsResponse(
            List<ApplicationOperationInfo> applicationOperationInfoList, String nextToken) {}

    record DescribeApplicationOperationRequest(String applicationName, String operationId) {}

    record DescribeApplicationOperationResponse(ApplicationOperationInfoDetails applicationOperationInfoDetails) {}

    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("StartApplication", StartApplicationRequest.class, this::start),
                AwsAction.of("StopApplication", StopApplicationRequest.class, this::stop),
                AwsAction.of(
                        "CreateApplicationPresignedUrl",
                        CreateApplicationPresignedUrlRequest.class,
                        this::presignedUrl),
                AwsAction.of("ListApplicationOperations", ListApplicationOperationsRequest.class, this::operations),
                AwsAction.of(
                        "DescribeApplicationOperation", DescribeApplicationOperationRequest.class, this::operation));
    }

    private OperationIdResponse start(StartApplicationRequest request, AwsRequestContext ctx) {
        RunConfiguration run = request.runConfiguration();
        if (run != null
                && run.sqlRunConfigurations() != null
                && !run.sqlRunConfigurations().isEmpty()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "SqlRunConfigurations apply to SQL-1_0 applications only; this is a FLINK-2_2 application.");
        }
        ApplicationRestoreConfiguration restore = run == null ? null : run.applicationRestoreConfiguration();
        String operationId = runs.start(new ApplicationCommands.Start(
                ref(ctx, request.applicationName()),
                restore == null ? null : RestoreType.valueOf(restore.applicationRestoreType()),
                restore == null ? null : restore.snapshotName(),
                run == null || run.flinkRunConfiguration() == null
                        ? null
                        : run.flinkRunConfiguration().allowNonRestoredState()));
        return new OperationIdResponse(operationId);
    }

    private OperationIdResponse stop(StopApplicationRequest request, AwsRequestContext ctx) {
        return new OperationIdResponse(
                runs.stop(ref(ctx, request.applicationName()), Boolean.TRUE.equals(request.force())));
    }

    private CreateApplicationPresignedUrlResponse presignedUrl(
            CreateApplicationPresignedUrlRequest request, AwsRequestContext ctx) {
        if (!"FLINK_DASHBOARD_URL".equals(request.urlType())) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("UrlType " + request.urlType() + " is not valid for "
                    + "application " + request.applicationName() + ": it is not a Studio (INTERACTIVE) application.");
        }
        return new CreateApplicationPresignedUrlResponse(runs.dashboardUrl(ref(ctx, request.applicationName())));
    }

    private ListApplicationOperationsResponse operations(
            ListApplicationOperationsRequest request, AwsRequestContext ctx) {
        ApplicationOperations.OperationPage page = operations.list(
                ref(ctx, request.applicationName()),
                request.operation(),
                request.operationStatus(),
                request.nextToken(),
                request.limit() == null ? DEFAULT_LIMIT : request.limit());
        return new ListApplicationOperationsResponse(
                page.operations().stream()
                        .map(o -> new ApplicationOperationInfo(
                                o.operation(), o.operationId(), o.startTime(), o.endTime(), o.status()))
                        .toList(),
                page.next());
    }

    private DescribeApplicationOperationResponse operation(
            DescribeApplicationOperationRequest request, AwsRequestContext ctx) {
        OperationView o = operations.describe(ref(ctx, request.applicationName()), request.operationId());
        return new DescribeApplicationOperationResponse(new ApplicationOperationInfoDetails(
                o.operation(),
                o.startTime(),
                o.endTime(),
                o.status(),
                o.versionUpdatedFrom() == null
                        ? null
                        : new ApplicationVersionChangeDetails(o.versionUpdatedFrom(), o.versionUpdatedTo()),
                o.errorString() == null ? null : new OperationFailureDetails(null, new ErrorInfo(o.errorString()))));
    }
}
