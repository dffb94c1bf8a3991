package dev.shardline.firehose.destination.http;

import dev.shardline.firehose.FirehoseProperties;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.outbound.OutboundHosts;
import dev.shardline.firehose.outbound.OutboundRefusedException;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one request as AWS's HTTP endpoint delivery specification says, and judges the answer: delivered only on a
 * 200 with a JSON body that repeats the request id and carries a numeric timestamp.
 */
@Component
class EndpointCaller {

    /** AWS reads at most 1 MiB of a response; anything longer is a failure. */
    static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private static final int ECHOED_RESPONSE_CHARS = 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final FirehoseProperties.Http properties;
    private final OutboundHosts outbound;

    EndpointCaller(FirehoseProperties properties, OutboundHosts outbound) {
        this.properties = properties.http();
        this.outbound = outbound;
        this.client = HttpClient.newBuilder()
                .connectTimeout(this.properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // No cleartext HTTP/2 upgrade attempts: plain HTTP/1.1 is what every endpoint takes.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Attempt call(
            DeliveryStreamView stream, HttpEndpointDestination destination, EndpointRequest request, long timestamp)
            throws InterruptedException {
        String requestId = request.requestId().toString();
        URI url = URI.create(destination.url());
        try {
            // Resolved and checked right before the request; the client's own lookup finds the JVM's cached answer.
            outbound.resolve(url.getHost());
        } catch (OutboundRefusedException e) {
            return Attempt.failed(
                    "HttpEndpoint.ConnectionFailed",
                    "A connection could not be established with " + destination.url() + ": Firehose refused it, "
                            + e.getMessage());
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(url)
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("X-Amz-Firehose-Protocol-Version", "1.0")
                .header("X-Amz-Firehose-Request-Id", requestId)
                .header("X-Amz-Firehose-Source-Arn", stream.ref().arn());
        if (destination.accessKey() != null) {
            http.header("X-Amz-Firehose-Access-Key", destination.accessKey());
        }
        if (!destination.commonAttributes().isEmpty()) {
            http.header("X-Amz-Firehose-Common-Attributes", commonAttributes(destination));
        }
        byte[] body = JSON.writeValueAsBytes(Body.of(requestId, timestamp, request.records()));
        if (destination.gzip()) {
            http.header("Content-Encoding", "gzip");
            body = gzip(body);
        }
        HttpResponse<InputStream> response;
        byte[] answer;
        try {
            response = client.send(
                    http.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            }
        } catch (HttpConnectTimeoutException e) {
            return Attempt.failed(
                    "HttpEndpoint.ConnectionFailed",
                    "A connection could not be established with " + destination.url() + " within "
                            + properties.connectTimeout() + ".");
        } catch (HttpTimeoutException e) {
            return Attempt.failed(
                    "HttpEndpoint.RequestTimeout",
                    "The endpoint did not answer request " + requestId + " within " + properties.requestTimeout()
                            + ".");
        } catch (ConnectException e) {
            return Attempt.failed(
                    "HttpEndpoint.ConnectionFailed",
                    "A connection could not be established with " + destination.url() + ": " + e.getMessage());
        } catch (SSLException e) {
            return Attempt.failed("HttpEndpoint.SSLHandshakeFailure", e.getMessage());
        } catch (IOException e) {
            return Attempt.failed(
                    "HttpEndpoint.ConnectionReset",
                    "The connection to " + destination.url() + " was reset or closed early: " + e.getMessage());
        }
        if (answer.length > MAX_RESPONSE_BYTES) {
            return Attempt.failed(
                    "HttpEndpoint.ResponseTooLarge",
                    "The response to request " + requestId + " is larger than " + MAX_RESPONSE_BYTES + " bytes.");
        }
        return judge(requestId, response, new String(answer, StandardCharsets.UTF_8));
    }

    private static Attempt judge(String requestId, HttpResponse<?> response, String text) {
        if (response.statusCode() != 200) {
            String message = "The following response was received from the endpoint destination. "
                    + response.statusCode() + ": " + truncated(text);
            // A request the endpoint can never take is not sent again: its records go to the backup at once.
            return response.statusCode() == 413
                    ? Attempt.permanent("HttpEndpoint.DestinationException", message)
                    : Attempt.failed("HttpEndpoint.DestinationException", message);
        }
        if (!response.headers()
                .firstValue("Content-Type")
                .map(type -> type.toLowerCase(Locale.ROOT).startsWith("application/json"))
                .orElse(false)) {
            return invalid(requestId, "has no content-type: application/json header", response, text);
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JacksonException e) {
            return invalid(requestId, "is not recognized as valid JSON", response, text);
        }
        if (json == null || !json.isObject()) {
            return invalid(requestId, "is not recognized as valid JSON", response, text);
        }
        JsonNode echoed = json.get("requestId");
        if (echoed == null || !echoed.isString()) {
            return invalid(requestId, "does not contain a requestId", response, text);
        }
        if (!requestId.equals(echoed.stringValue())) {
            return invalid(requestId, "has a requestId that does not match", response, text);
        }
        JsonNode timestamp = json.get("timestamp");
        if (timestamp == null || !timestamp.isNumber()) {
            return invalid(requestId, "does not contain a numeric timestamp", response, text);
        }
        return Attempt.DELIVERED;
    }

    private static Attempt invalid(String requestId, String why, HttpResponse<?> response, String text) {
        return Attempt.failed(
                "HttpEndpoint.InvalidResponseFromDestination",
                "The response received from the specified endpoint is invalid. Contact the owner of the endpoint to "
                        + "resolve the issue. Response for request " + requestId + " " + why
                        + ". Raw response received: " + response.statusCode() + " " + truncated(text));
    }

    private static String commonAttributes(HttpEndpointDestination destination) {
        Map<String, String> attributes = new LinkedHashMap<>();
        destination.commonAttributes().forEach(a -> attributes.put(a.name(), a.value()));
        return JSON.writeValueAsString(Map.of("commonAttributes", attributes));
    }

    private static String truncated(String text) {
        return text.length() <= ECHOED_RESPONSE_CHARS ? text : text.substring(0, ECHOED_RESPONSE_CHARS) + "...";
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The request body AWS specifies: {@code {"requestId", "timestamp", "records": [{"data": base64}]}}. */
    record Body(String requestId, long timestamp, List<Data> records) {

        static Body of(String requestId, long timestamp, List<ProcessedBatch.Output> records) {
            Base64.Encoder base64 = Base64.getEncoder();
            return new Body(
                    requestId,
                    timestamp,
                    records.stream()
                            .map(r -> new Data(base64.encodeToString(r.data())))
                            .toList());
        }
    }

    record Data(String data) {}
}
