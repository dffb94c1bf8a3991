package dev.shardline.streams.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.streams.StreamsIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Swagger UI says what the API is (not "OpenAPI definition v0") and groups operations under names for people. */
class OpenApiDocumentTest extends StreamsIntegrationTest {

    private JsonNode document() throws Exception {
        HttpResponse<String> docs = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(endpoint() + "/v3/api-docs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(docs.body());
    }

    @Test
    void theDocumentHasShardlinesTitleTheBuildVersionAndADescription() throws Exception {
        JsonNode info = document().path("info");

        assertThat(info.path("title").asString()).isEqualTo("Shardline REST API");
        assertThat(info.path("version").asString())
                .as("the project version Maven filtered in")
                .matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(info.path("description").asString())
                .contains("problem details")
                .contains("https://docs.aws.amazon.com/kinesis/latest/APIReference/");
    }

    @Test
    void everyOperationIsTaggedWithANameForPeopleAndTheAwsProtocolIsNotListed() throws Exception {
        JsonNode document = document();
        List<String> tags = new ArrayList<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(op -> op.getValue().path("tags").forEach(tag -> tags.add(tag.asString()))));

        assertThat(tags).isNotEmpty().contains("Streams", "Records", "Consumers", "Tags");
        assertThat(tags)
                .noneMatch(tag -> tag.endsWith("-controller") || tag.endsWith("-endpoint"))
                .allMatch(tag -> Character.isUpperCase(tag.charAt(0)));
        assertThat(document.path("paths").has("/"))
                .as("POST / with X-Amz-Target")
                .isFalse();
        assertThat(document.path("paths").has("/error")).isFalse();
        assertThat(document.path("paths").has("/v1/streams/{name}/shards/{shardId}/split"))
                .isTrue();
    }
}
