package dev.shardline.analytics.application.web;

import static dev.shardline.analytics.application.web.ApplicationActions.ref;

import dev.shardline.analytics.application.ApplicationService;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The actions of the model that a Shardline application has no use for, answered after the model's checks and the
 * application's lookup: the SQL-1_0 ones (inputs, outputs, reference data) as AWS answers them for a Flink
 * application, InvalidArgumentException; VPCs, CloudWatch logging, maintenance windows and DiscoverInputSchema with
 * UnsupportedOperationException (docs/analytics.md).
 */
@Component
public class UnsupportedActions {

    private static final List<String> SQL_ONLY = List.of(
            "AddApplicationInput",
            "AddApplicationInputProcessingConfiguration",
            "AddApplicationOutput",
            "AddApplicationReferenceDataSource",
            "DeleteApplicationInputProcessingConfiguration",
            "DeleteApplicationOutput",
            "DeleteApplicationReferenceDataSource");
    private static final List<String> UNSUPPORTED = List.of(
            "AddApplicationVpcConfiguration",
            "DeleteApplicationVpcConfiguration",
            "AddApplicationCloudWatchLoggingOption",
            "DeleteApplicationCloudWatchLoggingOption",
            "UpdateApplicationMaintenanceConfiguration");

    private final ApplicationService applications;

    UnsupportedActions(ApplicationService applications) {
        this.applications = applications;
    }

    record ApplicationRequest(String applicationName) {}

    public List<AwsAction<?, ?>> actions() {
        List<AwsAction<?, ?>> actions = new ArrayList<>();
        SQL_ONLY.forEach(name -> actions.add(AwsAction.of(name, ApplicationRequest.class, (request, ctx) -> {
            known(request, ctx);
            throw AwsErrorType.INVALID_ARGUMENT.exception(name + " applies to SQL-1_0 applications only; application "
                    + request.applicationName() + " is a FLINK-2_2 application.");
        })));
        UNSUPPORTED.forEach(name -> actions.add(AwsAction.of(name, ApplicationRequest.class, (request, ctx) -> {
            known(request, ctx);
            throw AwsErrorType.UNSUPPORTED_OPERATION.exception(name + " is not supported by Shardline.");
        })));
        actions.add(AwsAction.of("DiscoverInputSchema", ApplicationRequest.class, (request, ctx) -> {
            throw AwsErrorType.UNSUPPORTED_OPERATION.exception(
                    "DiscoverInputSchema applies to SQL-1_0 applications, which Shardline does not run.");
        }));
        return actions;
    }

    private void known(ApplicationRequest request, AwsRequestContext ctx) {
        applications.describe(ref(ctx, request.applicationName()));
    }
}
