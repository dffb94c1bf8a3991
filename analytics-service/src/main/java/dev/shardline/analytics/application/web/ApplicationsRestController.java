package dev.shardline.analytics.application.web;

import dev.shardline.analytics.application.ApplicationCommands;
import dev.shardline.analytics.application.ApplicationConfig;
import dev.shardline.analytics.application.ApplicationErrors;
import dev.shardline.analytics.application.ApplicationOperations;
import dev.shardline.analytics.application.ApplicationRef;
import dev.shardline.analytics.application.ApplicationRuns;
import dev.shardline.analytics.application.ApplicationService;
import dev.shardline.analytics.application.ApplicationSnapshots;
import dev.shardline.analytics.application.CodeInput;
import dev.shardline.analytics.application.RestoreType;
import dev.shardline.analytics.application.web.RestShapes.*;
import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.error.Validation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Managed Flink applications for people: the same application services as the AWS endpoint, as plain REST under
 * {@code /v1/applications}, documented in Swagger UI. Applications belong to the caller's account
 * ({@link RestCaller}).
 */
@RestController
@RequestMapping("/v1/applications")
@Tag(name = "Applications", description = "Flink SQL applications (Managed Service for Apache Flink)")
class ApplicationsRestController {

    private static final String ROLE_ARN = "arn:aws:iam::000000000000:role/shardline";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private final ApplicationService applications;
    private final ApplicationRuns runs;
    private final ApplicationSnapshots snapshots;
    private final ApplicationOperations operations;
    private final RestCaller caller;

    // Five: the REST face of four application services, in the caller's account.
    ApplicationsRestController(
            ApplicationService applications,
            ApplicationRuns runs,
            ApplicationSnapshots snapshots,
            ApplicationOperations operations,
            RestCaller caller) {
        this.applications = applications;
        this.runs = runs;
        this.snapshots = snapshots;
        this.operations = operations;
        this.caller = caller;
    }

    @GetMapping
    @io.swagger.v3.oas.annotations.Operation(summary = "List applications", description = "In name order.")
    ApplicationList list(
            @RequestParam(defaultValue = "50") int limit,
            @Parameter(description = "List applications whose names come after this one")
                    @RequestParam(required = false)
                    String after) {
        Validation.of().range("limit", limit, 1, 1000).noNul("after", after).throwIfInvalid();
        ApplicationService.ApplicationPage page = applications.list(caller.accountId(), caller.region(), after, limit);
        return new ApplicationList(
                page.applications().stream().map(Application::of).toList(), page.hasMore());
    }

    @GetMapping("/{name}")
    @io.swagger.v3.oas.annotations.Operation(summary = "Describe an application")
    Application describe(@PathVariable String name) {
        return Application.of(applications.describe(ref(name)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Create a Flink SQL application",
            description = "READY at once; the SQL is checked by the engine first. Start it to run it.")
    Application create(@RequestBody CreateApplication request) {
        Validation v = Validation.of();
        checkName(v, "name", request.name());
        v.required("sql", request.sql());
        v.length("description", request.description(), 0, 1024);
        RequestChecks.noNul(v, "description", request.description());
        RequestChecks.noNullValues(v, "properties", request.properties());
        if (request.properties() != null) {
            request.properties().forEach((group, map) -> RequestChecks.noNullValues(v, "properties." + group, map));
        }
        v.range("parallelism", request.parallelism(), 1, Integer.MAX_VALUE);
        v.throwIfInvalid();
        ApplicationConfig config = ApplicationConfig.defaults()
                .withSnapshotsEnabled(Boolean.TRUE.equals(request.snapshotsEnabled()))
                .withPropertyGroups(groups(request.properties()));
        if (request.parallelism() != null) {
            config =
                    config.withParallelism(ApplicationConfig.Parallelism.of("CUSTOM", request.parallelism(), 1, false));
        }
        return Application.of(applications.create(new ApplicationCommands.Create(
                ref(request.name()),
                request.description(),
                ApplicationErrors.RUNTIME,
                ROLE_ARN,
                "STREAMING",
                config,
                new CodeInput(ApplicationConfig.Code.PLAINTEXT, request.sql(), null, null),
                Map.of())));
    }

    @PostMapping("/{name}/start")
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Start an application",
            description = "STARTING, then RUNNING once Flink runs its job; see its operations if it fails.")
    Started start(@PathVariable String name, @RequestBody(required = false) StartApplication request) {
        RestoreType restore = null;
        if (request != null && request.restoreType() != null) {
            Validation v = Validation.of();
            v.oneOf(
                    "restoreType",
                    request.restoreType(),
                    Arrays.stream(RestoreType.values()).map(Enum::name).toList());
            v.throwIfInvalid();
            restore = RestoreType.valueOf(request.restoreType());
        }
        return new Started(runs.start(new ApplicationCommands.Start(
                ref(name),
                restore,
                request == null ? null : request.snapshotName(),
                request == null ? null : request.allowNonRestoredState())));
    }

    @PostMapping("/{name}/stop")
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Stop an application",
            description = "With a snapshot when snapshots are enabled; force cancels the job without one.")
    Started stop(@PathVariable String name, @RequestParam(defaultValue = "false") boolean force) {
        return new Started(runs.stop(ref(name), force));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Delete an application",
            description = "DELETING (its job cancelled), then gone.")
    void delete(@PathVariable String name) {
        ApplicationRef ref = ref(name);
        applications.delete(ref, applications.describe(ref).createdAt());
    }

    @GetMapping("/{name}/snapshots")
    @io.swagger.v3.oas.annotations.Operation(summary = "List an application's snapshots", description = "Newest first.")
    List<Snapshot> snapshots(@PathVariable String name) {
        List<Snapshot> all = new ArrayList<>();
        String next = null;
        do {
            ApplicationSnapshots.SnapshotPage page = snapshots.list(ref(name), next, 50);
            page.snapshots().forEach(s -> all.add(Snapshot.of(s)));
            next = page.next();
        } while (next != null);
        return all;
    }

    @PostMapping("/{name}/snapshots")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Snapshot a running application",
            description = "CREATING, then READY once Flink wrote it.")
    Snapshot createSnapshot(@PathVariable String name, @RequestBody CreateSnapshot request) {
        Validation v = Validation.of();
        checkName(v, "name", request.name());
        v.length("name", request.name(), 1, 256);
        v.throwIfInvalid();
        snapshots.create(ref(name), request.name());
        return Snapshot.of(snapshots.describe(ref(name), request.name()));
    }

    @GetMapping("/{name}/operations")
    @io.swagger.v3.oas.annotations.Operation(
            summary = "List an application's operations",
            description = "Starts, stops, updates and snapshots, newest first, with why they failed.")
    List<Operation> operations(@PathVariable String name) {
        return operations.list(ref(name), null, null, null, 1000).operations().stream()
                .map(Operation::of)
                .toList();
    }

    private ApplicationRef ref(String name) {
        Validation v = Validation.of();
        checkName(v, "name", name);
        v.throwIfInvalid();
        return new ApplicationRef(caller.accountId(), caller.region(), name);
    }

    private static void checkName(Validation v, String member, String name) {
        if (v.required(member, name)) {
            v.length(member, name, 1, 128).pattern(member, name, NAME);
        }
    }

    private static List<ApplicationConfig.PropertyGroup> groups(Map<String, Map<String, String>> properties) {
        if (properties == null) {
            return List.of();
        }
        return properties.entrySet().stream()
                .map(e -> new ApplicationConfig.PropertyGroup(e.getKey(), e.getValue()))
                .toList();
    }
}
