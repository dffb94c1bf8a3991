package dev.shardline.analytics.application.web;

import dev.shardline.analytics.application.ApplicationCommands;
import dev.shardline.analytics.application.ApplicationRef;
import dev.shardline.analytics.application.ApplicationService;
import dev.shardline.analytics.application.ApplicationUpdates;
import dev.shardline.analytics.application.ApplicationView;
import dev.shardline.analytics.application.RestoreType;
import dev.shardline.analytics.application.web.ApplicationShapes.*;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * CreateApplication, DescribeApplication, ListApplications, UpdateApplication, DeleteApplication, and the versions
 * (ListApplicationVersions, DescribeApplicationVersion, RollbackApplication) on the AWS wire. The API model has checked
 * every member's type, length, pattern and enum before these run.
 */
@Component
public class ApplicationActions {

    private static final int DEFAULT_LIMIT = 50;

    private final ApplicationService applications;
    private final ApplicationUpdates updates;

    ApplicationActions(ApplicationService applications, ApplicationUpdates updates) {
        this.applications = applications;
        this.updates = updates;
    }

    record CreateApplicationRequest(
            String applicationName,
            String applicationDescription,
            String runtimeEnvironment,
            String serviceExecutionRole,
            ApplicationConfiguration applicationConfiguration,
            List<Map<String, Object>> cloudWatchLoggingOptions,
            List<Tag> tags,
            String applicationMode) {}

    record ApplicationDetailResponse(ApplicationDetail applicationDetail) {}

    record NameRequest(String applicationName, Boolean includeAdditionalDetails) {}

    record ListApplicationsRequest(Integer limit, String nextToken) {}

    record ListApplicationsResponse(List<ApplicationSummary> applicationSummaries, String nextToken) {}

    record UpdateApplicationRequest(
            String applicationName,
            Long currentApplicationVersionId,
            ApplicationConfigurationUpdate applicationConfigurationUpdate,
            String serviceExecutionRoleUpdate,
            RunConfigurationUpdate runConfigurationUpdate,
            List<Map<String, Object>> cloudWatchLoggingOptionUpdates,
            String conditionalToken,
            String runtimeEnvironmentUpdate) {}

    record ChangeResponse(ApplicationDetail applicationDetail, String operationId) {}

    record DeleteApplicationRequest(String applicationName, Instant createTimestamp) {}

    record ListApplicationVersionsRequest(String applicationName, Integer limit, String nextToken) {}

    record ListApplicationVersionsResponse(
            List<ApplicationVersionSummary> applicationVersionSummaries, String nextToken) {}

    record DescribeApplicationVersionRequest(String applicationName, Long applicationVersionId) {}

    record DescribeApplicationVersionResponse(ApplicationDetail applicationVersionDetail) {}

    record RollbackApplicationRequest(String applicationName, Long currentApplicationVersionId) {}

    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("CreateApplication", CreateApplicationRequest.class, this::create),
                AwsAction.of("DescribeApplication", NameRequest.class, this::describe),
                AwsAction.of("ListApplications", ListApplicationsRequest.class, this::list),
                AwsAction.of("UpdateApplication", UpdateApplicationRequest.class, this::update),
                AwsAction.of("DeleteApplication", DeleteApplicationRequest.class, this::delete),
                AwsAction.of("ListApplicationVersions", ListApplicationVersionsRequest.class, this::versions),
                AwsAction.of("DescribeApplicationVersion", DescribeApplicationVersionRequest.class, this::version),
                AwsAction.of("RollbackApplication", RollbackApplicationRequest.class, this::rollback));
    }

    private ApplicationDetailResponse create(CreateApplicationRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        RequestChecks.noNul(v, "applicationDescription", request.applicationDescription());
        RequestChecks.tags(v, "tags", request.tags());
        if (request.applicationConfiguration() != null) {
            RequestChecks.propertyGroups(
                    v,
                    "applicationConfiguration.environmentProperties",
                    request.applicationConfiguration().environmentProperties());
        }
        v.throwIfInvalid();
        if (request.cloudWatchLoggingOptions() != null
                && !request.cloudWatchLoggingOptions().isEmpty()) {
            throw AwsErrorType.UNSUPPORTED_OPERATION.exception(
                    "CloudWatchLoggingOptions are not supported: Shardline's applications log to its own log.");
        }
        if ("INTERACTIVE".equals(request.applicationMode())) {
            throw AwsErrorType.UNSUPPORTED_OPERATION.exception(
                    "ApplicationMode INTERACTIVE (Studio notebooks) is not supported; use STREAMING.");
        }
        ApplicationView created = applications.create(new ApplicationCommands.Create(
                ref(ctx, request.applicationName()),
                request.applicationDescription(),
                request.runtimeEnvironment(),
                request.serviceExecutionRole(),
                request.applicationMode(),
                Configurations.config(request.applicationConfiguration()),
                Configurations.code(request.applicationConfiguration()),
                TagActions.tags(request.tags())));
        return new ApplicationDetailResponse(Configurations.detail(created));
    }

    private ApplicationDetailResponse describe(NameRequest request, AwsRequestContext ctx) {
        return new ApplicationDetailResponse(
                Configurations.detail(applications.describe(ref(ctx, request.applicationName()))));
    }

    private ListApplicationsResponse list(ListApplicationsRequest request, AwsRequestContext ctx) {
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        ApplicationService.ApplicationPage page =
                applications.list(ctx.accountId(), ctx.region(), request.nextToken(), limit);
        List<ApplicationSummary> summaries = page.applications().stream()
                .map(a -> new ApplicationSummary(
                        a.ref().name(),
                        a.ref().arn(),
                        a.status().name(),
                        a.versionId(),
                        a.runtimeEnvironment(),
                        a.applicationMode()))
                .toList();
        return new ListApplicationsResponse(
                summaries, page.hasMore() ? summaries.get(summaries.size() - 1).applicationName() : null);
    }

    private ChangeResponse update(UpdateApplicationRequest request, AwsRequestContext ctx) {
        if (request.applicationConfigurationUpdate() != null) {
            Validation v = Validation.of();
            RequestChecks.propertyGroups(
                    v,
                    "applicationConfigurationUpdate.environmentPropertyUpdates",
                    request.applicationConfigurationUpdate().environmentPropertyUpdates());
            v.throwIfInvalid();
        }
        if (request.cloudWatchLoggingOptionUpdates() != null
                && !request.cloudWatchLoggingOptionUpdates().isEmpty()) {
            throw AwsErrorType.UNSUPPORTED_OPERATION.exception(
                    "CloudWatchLoggingOptionUpdates are not supported: Shardline's applications log to its own log.");
        }
        RunConfigurationUpdate run = request.runConfigurationUpdate();
        ApplicationRestoreConfiguration restore = run == null ? null : run.applicationRestoreConfiguration();
        ApplicationUpdates.Change change = updates.update(new ApplicationCommands.Update(
                ref(ctx, request.applicationName()),
                request.currentApplicationVersionId(),
                request.conditionalToken(),
                request.serviceExecutionRoleUpdate(),
                request.runtimeEnvironmentUpdate(),
                Configurations.change(request.applicationConfigurationUpdate()),
                Configurations.codeUpdate(request.applicationConfigurationUpdate()),
                restore == null ? null : RestoreType.valueOf(restore.applicationRestoreType()),
                restore == null ? null : restore.snapshotName(),
                run == null || run.flinkRunConfiguration() == null
                        ? null
                        : run.flinkRunConfiguration().allowNonRestoredState()));
        return new ChangeResponse(Configurations.detail(change.application()), change.operationId());
    }

    private Object delete(DeleteApplicationRequest request, AwsRequestContext ctx) {
        applications.delete(ref(ctx, request.applicationName()), request.createTimestamp());
        return null;
    }

    private ListApplicationVersionsResponse versions(ListApplicationVersionsRequest request, AwsRequestContext ctx) {
        ApplicationUpdates.VersionPage page = updates.versions(
                ref(ctx, request.applicationName()),
                request.nextToken(),
                request.limit() == null ? DEFAULT_LIMIT : request.limit());
        return new ListApplicationVersionsResponse(
                page.versions().stream()
                        .map(v -> new ApplicationVersionSummary(
                                v.versionId(), v.status().name()))
                        .toList(),
                page.next());
    }

    private DescribeApplicationVersionResponse version(
            DescribeApplicationVersionRequest request, AwsRequestContext ctx) {
        return new DescribeApplicationVersionResponse(Configurations.detail(
                updates.version(ref(ctx, request.applicationName()), request.applicationVersionId())));
    }

    private ChangeResponse rollback(RollbackApplicationRequest request, AwsRequestContext ctx) {
        ApplicationUpdates.Change change =
                updates.rollback(ref(ctx, request.applicationName()), request.currentApplicationVersionId());
        return new ChangeResponse(Configurations.detail(change.application()), change.operationId());
    }

    static ApplicationRef ref(AwsRequestContext ctx, String name) {
        return new ApplicationRef(ctx.accountId(), ctx.region(), name);
    }
}
