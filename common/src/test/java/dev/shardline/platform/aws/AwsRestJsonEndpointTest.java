package dev.shardline.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.platform.error.AwsErrorType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;

/** The REST-JSON adapter over real HTTP, with a toy service shaped like Kinesis Video Streams' control plane. */
@SpringBootTest(
        classes = AwsRestJsonEndpointTest.ToyApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // Small bounds that EdgeBoundsTest, in this same context, can reach with a few connections
            "server.tomcat.threads.max=8",
            "server.tomcat.connection-timeout=2s",
            "shardline.edge.max-rest-request-size=64KB",
            "shardline.aws.max-request-size=64KB",
            "shardline.edge.max-buffered-request-bytes=200KB"
        })
class AwsRestJsonEndpointTest {

    private static final String SIGNED =
            "AWS4-HMAC-SHA256 Credential=123456789012/20261202/eu-west-1/kinesisvideo/aws4_request, "
                    + "SignedHeaders=host, Signature=0";

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    record CreateStreamRequest(String streamName, Integer dataRetentionInHours) {}

    record CreateStreamResponse(String streamARN) {}

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration(
            excludeName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
            })
    @Import({AwsProtocolConfiguration.class, ToyApplication.Echo.class})
    static class ToyApplication {

        /** A REST API ({@code /v1}) action that reads a body. */
        @org.springframework.web.bind.annotation.RestController
        static class Echo {
            @org.springframework.web.bind.annotation.PostMapping("/v1/echo")
            int length(@org.springframework.web.bind.annotation.RequestBody String body) {
                return body.length();
            }
        }

        @Bean
        AwsRestJsonService toyVideo() {
            return new AwsRestJsonService() {
                @Override
                public String name() {
                    return "toyvideo";
                }

                @Override
                public List<AwsRestRoute<?, ?>> routes() {
                    return List.of(
                            AwsRestRoute.post("/createStream", CreateStreamRequest.class, (request, context) -> {
                                if (request.streamName() == null) {
                                    throw AwsErrorType.INVALID_ARGUMENT.exception("StreamName is required");
                                }
                                if (request.streamName().equals("taken")) {
                                    throw AwsErrorType.RESOURCE_IN_USE.exception("The stream taken exists");
                                }
                                return new CreateStreamResponse("arn:aws:kinesisvideo:" + context.region() + ":"
                                        + context.accountId() + ":stream/" + request.streamName() + "/1");
                            }),
                            AwsRestRoute.post("/describeStream", CreateStreamRequest.class, (request, context) -> {
                                throw AwsErrorType.RESOURCE_NOT_FOUND.exception("The requested stream is not found");
                            }),
                            AwsRestRoute.post("/putMedia", AwsRestRequest.class, (request, context) -> {
                                try {
                                    String body = new String(request.body().readAllBytes());
                                    return ResponseEntity.ok(request.header("x-amzn-stream-name") + ":" + body);
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            }),
                            AwsRestRoute.post("/acks", AwsRestRequest.class, (request, context) -> streaming()),
                            AwsRestRoute.post("/fails", CreateStreamRequest.class, (request, context) -> {
                                throw new IllegalStateException("a bug");
                            }));
                }

                @Override
                public int httpStatus(AwsErrorType type) {
                    return type == AwsErrorType.RESOURCE_NOT_FOUND ? 404 : type.httpStatus();
                }
            };
        }
    }

    /** What PutMedia answers: lines written over time on a thread of the action's own, then the end. */
    private static AwsStreamingResponse streaming() {
        return new AwsStreamingResponse() {
            @Override
            public String contentType() {
                return "application/json";
            }

            @Override
            public java.time.Duration timeout() {
                return java.time.Duration.ofSeconds(10);
            }

            @Override
            public void start(AwsWireFormat wire, Sink sink) {
                new Thread(() -> {
                            try {
                                sink.write("{\"EventType\":\"RECEIVED\"}\n".getBytes());
                                sink.write("{\"EventType\":\"PERSISTED\"}\n".getBytes());
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            } finally {
                                sink.complete();
                            }
                        })
                        .start();
            }
        };
    }

    @Test
    void aStreamingAnswerIsWrittenAsItComesAndEnds() throws Exception {
        HttpResponse<String> response = post("/acks", "media", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body()).isEqualTo("{\"EventType\":\"RECEIVED\"}\n{\"EventType\":\"PERSISTED\"}\n");
    }

    @Test
    void anActionIsMappedAtItsPathAndReadsTheCallersAccountAndRegion() throws Exception {
        HttpResponse<String> response = post("/createStream", "{\"StreamName\":\"cam\"}", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"StreamARN\":\"arn:aws:kinesisvideo:eu-west-1:123456789012:stream/cam/1\"}");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void catalogueErrorsCarryTheirTypeInTheHeaderAndTheServicesStatus() throws Exception {
        HttpResponse<String> inUse = post("/createStream", "{\"StreamName\":\"taken\"}", true);
        assertThat(inUse.statusCode()).isEqualTo(400);
        assertThat(inUse.headers().firstValue("x-amzn-ErrorType")).contains("ResourceInUseException");
        assertThat(inUse.body()).contains("\"Message\":\"The stream taken exists\"");

        HttpResponse<String> notFound = post("/describeStream", "{}", true);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFoundException");
    }

    @Test
    void malformedJsonIsASerializationErrorAndAnEmptyBodyAnEmptyRequest() throws Exception {
        HttpResponse<String> malformed = post("/createStream", "{\"StreamName\":", true);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("x-amzn-ErrorType")).contains("SerializationException");

        HttpResponse<String> empty = post("/createStream", "", true);
        assertThat(empty.headers().firstValue("x-amzn-ErrorType")).contains("InvalidArgumentException");
    }

    @Test
    void anUnsignedRequestIsRefusedAndAFailureIsAnInternalFailureWithoutDetails() throws Exception {
        HttpResponse<String> unsigned = post("/createStream", "{\"StreamName\":\"cam\"}", false);
        assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");

        HttpResponse<String> failed = post("/fails", "{}", true);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue("x-amzn-ErrorType")).contains("InternalFailure");
        assertThat(failed.body()).doesNotContain("a bug");
    }

    @Test
    void acceptAnyModeTheDefaultLetsAnyAuthorizationThroughAndTheKeyIdNameTheAccount() throws Exception {
        HttpRequest garbage = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/createStream"))
                .header("Content-Type", "application/json")
                .header("Authorization", "garbage")
                .POST(HttpRequest.BodyPublishers.ofString("{\"StreamName\":\"cam\"}"))
                .build();
        HttpResponse<String> response = http.send(garbage, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("arn:aws:kinesisvideo:us-east-1:000000000000:stream/cam/1");
        // and with the unverified SIGNED header of the other tests, its 12-digit key id picks account 123456789012
        assertThat(post("/createStream", "{\"StreamName\":\"cam\"}", true).body())
                .contains(":123456789012:");
    }

    @Test
    void aRawRouteReadsHeadersAndTheStreamedBodyAndAnswersItsOwnResponse() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/putMedia"))
                .header("Authorization", SIGNED)
                .header("x-amzn-stream-name", "cam")
                .POST(HttpRequest.BodyPublishers.ofString("fragment-bytes"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("cam:fragment-bytes");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    private HttpResponse<String> post(String path, String body, boolean signed) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signed) {
            request.header("Authorization", SIGNED);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
