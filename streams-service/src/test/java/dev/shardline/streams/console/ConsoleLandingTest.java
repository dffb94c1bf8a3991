package dev.shardline.streams.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.streams.StreamsIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A browser at the edge address lands on the console, while AWS clients keep AWS's answers on {@code /}; the console's
 * pages and scripts are served (in {@code accept-any} mode, without credentials).
 */
class ConsoleLandingTest extends StreamsIntegrationTest {

    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aBrowserAtTheEdgeAddressIsRedirectedToTheConsole() throws Exception {
        HttpResponse<String> landing = get("/", BROWSER_ACCEPT, null);
        assertThat(landing.statusCode()).isEqualTo(302);
        assertThat(landing.headers().firstValue("Location")).hasValue("/console");

        HttpResponse<String> overview = get("/console", BROWSER_ACCEPT, null);
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(overview.body())
                .contains("<main", "href=\"/console/streams\"", "/swagger-ui/index.html", "/actuator/prometheus");
    }

    @Test
    void awsClientsOnTheEdgeAddressKeepAwsAnswers() throws Exception {
        // what a GET without HTML in its Accept, or with an AWS signature, got before the console existed
        for (HttpResponse<String> aws : new HttpResponse[] {
            get("/", "*/*", null),
            get("/", BROWSER_ACCEPT, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/us-east-1/kinesis/aws4_request"),
        }) {
            assertThat(aws.statusCode()).isEqualTo(403);
            assertThat(aws.body()).contains("AccessDeniedException");
        }
        HttpResponse<String> target = HTTP.send(
                HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                        .header("Accept", BROWSER_ACCEPT)
                        .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(target.statusCode()).isEqualTo(403);
    }

    @Test
    void theConsolesScriptsAndStylesAreServedFromWebJars() throws Exception {
        for (String path : new String[] {
            "/webjars/htmx.org/2.0.4/dist/htmx.min.js",
            "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
            "/console/console.css",
            "/console/streams-page.js"
        }) {
            assertThat(get(path, "*/*", null).statusCode()).as(path).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(String path, String accept, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
