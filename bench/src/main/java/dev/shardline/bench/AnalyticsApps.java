package dev.shardline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CodeContentType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConfigurationType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UrlType;

/** Managed Flink applications through the AWS SDK's {@code KinesisAnalyticsV2Client}, and their Flink dashboard. */
final class AnalyticsApps implements AutoCloseable {

    /** A job as the application's dashboard URL names it: Flink's REST API at {@code base}, the job's id. */
    record Dashboard(String base, String jobId) {}

    /** Flink's checkpoint statistics of one job (end-to-end durations in ms). */
    record CheckpointStats(
            long completed, long failed, long p50Millis, long p99Millis, long maxMillis, long lastSize) {}

    private static final String ROLE = "arn:aws:iam::000000000000:role/bench";

    private final KinesisAnalyticsV2Client client;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AnalyticsApps(URI endpoint) {
        this.client = KinesisAnalyticsV2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                // CreateApplication plans the SQL in the server: on a busy 2-core machine that took longer than the
                // client's
                // default 30 s read timeout, and the retry then found the application already there.
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(180)))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(400)))
                .build();
    }

    /** A Flink SQL application with checkpoints every {@code checkpointMillis} and the given parallelism. */
    void create(String name, String sql, long checkpointMillis, int parallelism) {
        client.createApplication(r -> r.applicationName(name)
                .runtimeEnvironment("FLINK-2_2")
                .serviceExecutionRole(ROLE)
                .applicationConfiguration(c -> c.applicationCodeConfiguration(
                                code -> code.codeContentType(CodeContentType.PLAINTEXT)
                                        .codeContent(content -> content.textContent(sql)))
                        .flinkApplicationConfiguration(f -> f.checkpointConfiguration(
                                        cp -> cp.configurationType(ConfigurationType.CUSTOM)
                                                .checkpointingEnabled(true)
                                                .checkpointInterval(checkpointMillis)
                                                .minPauseBetweenCheckpoints(Math.min(500L, checkpointMillis)))
                                .parallelismConfiguration(p -> p.configurationType(ConfigurationType.CUSTOM)
                                        .parallelism(parallelism)
                                        .autoScalingEnabled(false)))));
    }

    void start(String name) {
        client.startApplication(r -> r.applicationName(name)
                .runConfiguration(run -> run.applicationRestoreConfiguration(
                        restore -> restore.applicationRestoreType(ApplicationRestoreType.SKIP_RESTORE_FROM_SNAPSHOT))));
    }

    /** Waits until DescribeApplication says RUNNING; fails if the application falls back to READY. */
    void awaitRunning(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ApplicationDetail detail =
                    client.describeApplication(r -> r.applicationName(name)).applicationDetail();
            if (detail.applicationStatus() == ApplicationStatus.RUNNING) {
                return;
            }
            if (detail.applicationStatus() == ApplicationStatus.READY) {
                String failure = client.listApplicationOperations(r -> r.applicationName(name))
                        .applicationOperationInfoList()
                        .toString();
                throw new IllegalStateException("application " + name + " did not start: " + failure);
            }
            WindowEvents.sleep(100);
        }
        throw new IllegalStateException("application " + name + " not RUNNING after " + timeout);
    }

    /** Stops the job without a snapshot and deletes the application; failures are reported, not thrown. */
    void forceStopAndDelete(String name) {
        try {
            ApplicationStatus status = client.describeApplication(r -> r.applicationName(name))
                    .applicationDetail()
                    .applicationStatus();
            if (status != ApplicationStatus.READY) {
                client.stopApplication(r -> r.applicationName(name).force(true));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            ApplicationDetail detail;
            do {
                WindowEvents.sleep(200);
                detail =
                        client.describeApplication(r -> r.applicationName(name)).applicationDetail();
            } while (detail.applicationStatus() != ApplicationStatus.READY && System.nanoTime() < deadline);
            ApplicationDetail ready = detail;
            client.deleteApplication(r -> r.applicationName(name).createTimestamp(ready.createTimestamp()));
        } catch (SdkException e) {
            System.err.println("WARN could not stop and delete application " + name + ": " + e.getMessage());
        }
    }

    /**
     * The application's Flink web UI as CreateApplicationPresignedUrl gives it
     * ({@code http://host:port/#/job/running/<job id>/overview}), empty while the application has none.
     */
    Optional<Dashboard> dashboard(String name) {
        try {
            String url = client.createApplicationPresignedUrl(
                            r -> r.applicationName(name).urlType(UrlType.FLINK_DASHBOARD_URL))
                    .authorizedUrl();
            int hash = url.indexOf("/#/");
            int running = url.indexOf("/running/");
            if (hash < 0 || running < 0) {
                return Optional.empty();
            }
            String job = url.substring(running + "/running/".length());
            job = job.contains("/") ? job.substring(0, job.indexOf('/')) : job;
            return Optional.of(new Dashboard(url.substring(0, hash), job));
        } catch (SdkException e) {
            return Optional.empty();
        }
    }

    /** The job's state from Flink's REST API ({@code GET /jobs/:id}), empty if Flink does not answer. */
    Optional<String> jobState(Dashboard dashboard) {
        return get(dashboard.base() + "/jobs/" + dashboard.jobId())
                .flatMap(json -> json.field("state"))
                .map(JsonNode::text);
    }

    /** {@code GET /jobs/:id/checkpoints}: counts and the end-to-end duration summary. */
    Optional<CheckpointStats> checkpoints(Dashboard dashboard) {
        return get(dashboard.base() + "/jobs/" + dashboard.jobId() + "/checkpoints")
                .map(json -> {
                    JsonNode counts = json.field("counts").orElseThrow();
                    JsonNode duration = json.field("summary")
                            .flatMap(s -> s.field("end_to_end_duration"))
                            .orElseThrow();
                    long lastSize = json.field("latest")
                            .flatMap(l -> l.field("completed"))
                            .filter(c -> !c.isNull())
                            .flatMap(c -> c.field("checkpointed_size"))
                            .map(n -> number(n))
                            .orElse(-1L);
                    return new CheckpointStats(
                            number(counts.field("completed").orElseThrow()),
                            number(counts.field("failed").orElseThrow()),
                            number(duration.field("p50").orElseThrow()),
                            number(duration.field("p99").orElseThrow()),
                            number(duration.field("max").orElseThrow()),
                            lastSize);
                });
    }

    private static long number(JsonNode node) {
        return Math.round(Double.parseDouble(node.asNumber()));
    }

    private Optional<JsonNode> get(String url) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? Optional.of(JsonNode.parser().parse(response.body()))
                    : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
