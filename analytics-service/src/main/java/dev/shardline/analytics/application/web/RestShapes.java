package dev.shardline.analytics.application.web;

import dev.shardline.analytics.application.ApplicationView;
import dev.shardline.analytics.application.OperationView;
import dev.shardline.analytics.application.SnapshotView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The bodies of the {@code /v1/applications} API. */
final class RestShapes {

    private RestShapes() {}

    @Schema(description = "A Flink SQL application (CodeContentType PLAINTEXT under FLINK-2_2)")
    record CreateApplication(
            @Schema(example = "clicks-per-minute") String name,
            @Schema(example = "Counts clicks per minute") String description,

            @Schema(
                    example = "CREATE TABLE clicks (...) WITH ('connector' = 'kinesis', ...); "
                            + "CREATE TABLE counts (...) WITH (...); INSERT INTO counts SELECT ...",
                    description = "CREATE TABLE statements followed by INSERT INTO, run as one streaming job")
            String sql,

            @Schema(example = "1", description = "the job's parallelism (CUSTOM ParallelismConfiguration); default 1")
            Integer parallelism,

            @Schema(description = "take a snapshot when the application stops, restore from it when it starts")
            Boolean snapshotsEnabled,

            @Schema(description = "EnvironmentProperties: property group id to its properties")
            Map<String, Map<String, String>> properties) {}

    @Schema(
            description = "How to start: restoreType SKIP_RESTORE_FROM_SNAPSHOT, RESTORE_FROM_LATEST_SNAPSHOT "
                    + "(the default) or RESTORE_FROM_CUSTOM_SNAPSHOT with snapshotName")
    record StartApplication(String restoreType, String snapshotName, Boolean allowNonRestoredState) {}

    record CreateSnapshot(
            @Schema(example = "before-upgrade") String name) {}

    record Application(
            String name,
            String arn,
            String status,
            long versionId,
            String runtimeEnvironment,
            String description,
            String codeType,
            String sql,
            int parallelism,
            boolean snapshotsEnabled,
            Map<String, Map<String, String>> properties,
            Instant createdAt,
            Instant updatedAt) {

        static Application of(ApplicationView view) {
            var code = view.config().code();
            return new Application(
                    view.ref().name(),
                    view.ref().arn(),
                    view.status().name(),
                    view.versionId(),
                    view.runtimeEnvironment(),
                    view.description(),
                    code == null ? null : code.contentType(),
                    code == null ? null : code.text(),
                    view.config().parallelism().parallelism(),
                    view.config().snapshotsEnabled(),
                    view.config().propertyGroupMap(),
                    view.createdAt(),
                    view.updatedAt());
        }
    }

    record ApplicationList(List<Application> applications, boolean hasMore) {}

    record Started(String operationId) {}

    record Snapshot(String name, String status, long versionId, Instant createdAt, String location) {

        static Snapshot of(SnapshotView s) {
            return new Snapshot(s.name(), s.status(), s.versionId(), s.createdAt(), s.location());
        }
    }

    record Operation(
            String operationId, String operation, String status, Instant startTime, Instant endTime, String error) {

        static Operation of(OperationView o) {
            return new Operation(
                    o.operationId(), o.operation(), o.status(), o.startTime(), o.endTime(), o.errorString());
        }
    }
}
