package dev.shardline.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * The root docker-compose.yml without Docker: what {@code docker compose config} would refuse, and the properties of
 * the topology that docs/distributed.md promises. The schema is the Compose Specification's own
 * ({@code compose-spec.json}, from compose-spec/compose-spec at 170098b, Apache License 2.0).
 */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> SHARDLINE_SERVICES = List.of("streams-1", "streams-2", "firehose", "analytics", "video");

    private final Map<String, Object> compose = load();
    private final Map<String, Map<String, Object>> services = map(compose.get("services"));

    @Test
    void conformsToTheComposeSpecification() throws IOException {
        String schemaText;
        try (InputStream in = getClass().getResourceAsStream("/compose-spec.json")) {
            // the schema names its dialect with an https URI that the validator does not know as draft 7
            schemaText = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(
                            "\"https://json-schema.org/draft-07/schema\"",
                            "\"http://json-schema.org/draft-07/schema#\"");
        }
        // its $id is relative (compose_spec.json): resolved against where the schema is published
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(
                        SchemaLocation.of("https://github.com/compose-spec/compose-spec/schema/compose-spec.json"),
                        JsonMapper.shared().readTree(schemaText));

        List<Error> errors = schema.validate(JsonMapper.shared().valueToTree(compose));

        assertThat(errors).isEmpty();
        assertThat(schema.validate(JsonMapper.shared()
                        .valueToTree(Map.of(
                                "services",
                                Map.of("x", Map.of("depends_on", Map.of("y", Map.of("condition", "service_happy"))))))))
                .as("the schema refuses what compose refuses")
                .isNotEmpty();
    }

    @Test
    void kafkaKeepsAnAcknowledgedRecordOnTwoOfThreeBrokers() {
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            Map<String, Object> environment = map(services.get(broker).get("environment"));
            assertThat(environment)
                    .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", 3)
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", 2)
                    .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + broker + ":9092");
        }
        for (String service : SHARDLINE_SERVICES) {
            assertThat(map(services.get(service).get("environment")))
                    .containsEntry("SPRING_KAFKA_BOOTSTRAPSERVERS", "kafka-1:9092,kafka-2:9092,kafka-3:9092");
        }
        assertThat(map(services.get("streams-1").get("environment")))
                .containsEntry("SHARDLINE_STREAMS_TOPICREPLICATIONFACTOR", 3);
    }

    @Test
    void everyDependencyIsWaitedForUntilHealthyOrDone() throws IOException {
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            Map<String, Map<String, Object>> dependsOn = map(service.getValue().getOrDefault("depends_on", Map.of()));
            for (Map.Entry<String, Map<String, Object>> dependency : dependsOn.entrySet()) {
                String condition = (String) dependency.getValue().get("condition");
                assertThat(condition)
                        .as(service.getKey() + " -> " + dependency.getKey())
                        .isIn("service_healthy", "service_completed_successfully");
                if (condition.equals("service_healthy")) {
                    assertThat(hasHealthCheck(dependency.getKey()))
                            .as(dependency.getKey() + " has a health check")
                            .isTrue();
                }
            }
        }
    }

    @Test
    void servicesAreBuiltFromTheirExecutableJarsAndRunAsAnUnprivilegedUser() throws IOException {
        for (String service : List.of("streams-1", "firehose", "analytics", "video", "edge")) {
            Path context = ROOT.resolve((String) services.get(service).get("build"));
            String module = context.getFileName().toString();
            String dockerfile = Files.readString(context.resolve("Dockerfile"));

            assertThat(dockerfile)
                    .as(module)
                    .contains("FROM eclipse-temurin:17-jre")
                    .contains("COPY target/shardline-" + module + "-*-exec.jar")
                    .contains("USER shardline")
                    .contains("HEALTHCHECK");
            assertThat(Files.readString(context.resolve(".dockerignore")))
                    .contains("!target/shardline-" + module + "-*-exec.jar");
            assertThat(ROOT.resolve("pom.xml")).content().contains("<module>" + module + "</module>");
        }
    }

    @Test
    void theEdgeBalancesOverEveryServiceInstanceAndVerifiesOneCredential() {
        Map<String, Object> edge = map(services.get("edge").get("environment"));
        String prefix = "SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_";
        assertThat(edge)
                .containsEntry(prefix + "STREAMS_0_URI", "http://streams-1:4566")
                .containsEntry(prefix + "STREAMS_1_URI", "http://streams-2:4566")
                .containsEntry(prefix + "FIREHOSE_0_URI", "http://firehose:4566")
                .containsEntry(prefix + "ANALYTICS_0_URI", "http://analytics:4566")
                .containsEntry(prefix + "VIDEO_0_URI", "http://video:4566");
        for (String service : SHARDLINE_SERVICES) {
            assertThat(map(services.get(service).get("environment")))
                    .as(service)
                    .containsEntry("SHARDLINE_SECURITY_MODE", "enforce")
                    .containsKeys(
                            "SHARDLINE_SECURITY_CREDENTIALS_0_ACCESSKEYID",
                            "SHARDLINE_KMS_MASTERKEY",
                            "SPRING_DATASOURCE_URL");
        }
    }

    private boolean hasHealthCheck(String service) throws IOException {
        Map<String, Object> definition = services.get(service);
        if (definition.containsKey("healthcheck")) {
            return true;
        }
        Object build = definition.get("build");
        return build != null
                && Files.readString(ROOT.resolve((String) build).resolve("Dockerfile"))
                        .contains("HEALTHCHECK");
    }

    private static Map<String, Object> load() {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            // SnakeYAML resolves the file's merge keys (<<: *anchor) as compose does
            return new Yaml().load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        return (Map<String, V>) value;
    }
}
