package dev.shardline.analytics.engine;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.scheduler.ExecutionGraphInfo;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a job's {@link JobMetrics} from Flink: checkpoints, state times and restarts from the job's execution graph;
 * record rates from the cluster's REST API ({@code /jobs/:id/plan}, then each source and sink vertex's
 * {@code subtasks/metrics}), which is where Flink gathers the TaskManagers' metrics of a running job.
 */
final class JobMetricsReader {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    JobMetrics read(ExecutionGraphInfo info, URI rest, long now) {
        AccessExecutionGraph graph = info.getArchivedExecutionGraph();
        CheckpointStatsSnapshot checkpoints = graph.getCheckpointStatsSnapshot();
        CompletedCheckpointStats last =
                checkpoints == null ? null : checkpoints.getHistory().getLatestCompletedCheckpoint();
        long failedCheckpoints =
                checkpoints == null ? 0 : checkpoints.getCounts().getNumberOfFailedCheckpoints();
        org.apache.flink.api.common.JobStatus state = graph.getState();
        double[] rates = state == org.apache.flink.api.common.JobStatus.RUNNING && rest != null
                ? recordRates(rest, graph.getJobID().toHexString())
                : new double[] {0, 0, -1};
        return new JobMetrics(
                rates[0],
                rates[1],
                last == null ? -1 : last.getEndToEndDuration(),
                last == null ? -1 : last.getCheckpointedSize(),
                failedCheckpoints,
                uptime(graph, state, now),
                downtime(graph, state, now),
                EmbeddedFlinkEngine.JobStates.of(info).restarts(),
                (long) rates[2]);
    }

    /** As Flink's own {@code uptime} gauge: time since the job last switched to RUNNING. */
    private static long uptime(AccessExecutionGraph graph, org.apache.flink.api.common.JobStatus state, long now) {
        if (state == org.apache.flink.api.common.JobStatus.RUNNING) {
            return Math.max(0, now - graph.getStatusTimestamp(org.apache.flink.api.common.JobStatus.RUNNING));
        }
        return state.isGloballyTerminalState() ? -1 : 0;
    }

    /** As Flink's own {@code downtime} gauge: time since the job began failing, while it fails or restarts. */
    private static long downtime(AccessExecutionGraph graph, org.apache.flink.api.common.JobStatus state, long now) {
        if (state == org.apache.flink.api.common.JobStatus.FAILING
                || state == org.apache.flink.api.common.JobStatus.RESTARTING) {
            long failing = graph.getStatusTimestamp(org.apache.flink.api.common.JobStatus.FAILING);
            long since = failing > 0 ? failing : graph.getStatusTimestamp(state);
            return Math.max(0, now - since);
        }
        return state.isGloballyTerminalState() ? -1 : 0;
    }

    /**
     * Records per second into the job (its sources' numRecordsInPerSecond: records read) and out of it (its sinks'
     * numRecordsOutPerSecond: records written), summed over subtasks, 0 for what Flink has not gathered yet; and the
     * largest {@code millisBehindLatest} of its source readers, -1 if none has one.
     */
    double[] recordRates(URI rest, String job) {
        String base = rest.toString().replaceAll("/$", "") + "/jobs/" + job;
        JsonNode nodes = get(base + "/plan").path("plan").path("nodes");
        Set<String> consumed = new HashSet<>();
        for (JsonNode node : nodes) {
            for (JsonNode input : node.path("inputs")) {
                consumed.add(input.path("id").asText());
            }
        }
        double in = 0;
        double out = 0;
        double behind = -1;
        for (JsonNode node : nodes) {
            String vertex = node.path("id").asText();
            if (node.path("inputs").isEmpty()) {
                in += sum(base, vertex, "numRecordsInPerSecond");
                behind = Math.max(behind, millisBehindLatest(base, vertex));
            }
            if (!consumed.contains(vertex)) {
                out += sum(base, vertex, "numRecordsOutPerSecond");
            }
        }
        return new double[] {in, out, behind};
    }

    /**
     * The source readers' gauge is an operator metric, which the vertex lists as {@code <operator>.millisBehindLatest}
     * (the operator's name is the planner's): found by its suffix, the largest over subtasks.
     */
    private double millisBehindLatest(String base, String vertex) {
        double behind = -1;
        for (JsonNode metric : get(base + "/vertices/" + vertex + "/subtasks/metrics")) {
            String id = metric.path("id").asText();
            if (id.endsWith(".millisBehindLatest")) {
                JsonNode values = get(base + "/vertices/" + vertex + "/subtasks/metrics?agg=max&get="
                        + URLEncoder.encode(id, StandardCharsets.UTF_8));
                for (JsonNode value : values) {
                    if (id.equals(value.path("id").asText()) && value.has("max")) {
                        behind = Math.max(behind, value.path("max").asDouble(-1));
                    }
                }
            }
        }
        return behind;
    }

    private double sum(String base, String vertex, String metric) {
        JsonNode values = get(base + "/vertices/" + vertex + "/subtasks/metrics?agg=sum&get="
                + URLEncoder.encode(metric, StandardCharsets.UTF_8));
        for (JsonNode value : values) {
            if (metric.equals(value.path("id").asText())) {
                return value.path("sum").asDouble(0);
            }
        }
        return 0;
    }

    private JsonNode get(String uri) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(uri))
                            .timeout(TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "Flink's REST API answered " + response.statusCode() + " to " + uri + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Flink's REST API did not answer " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
