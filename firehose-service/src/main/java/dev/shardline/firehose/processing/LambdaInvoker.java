package dev.shardline.firehose.processing;

import dev.shardline.firehose.FirehoseProperties;
import dev.shardline.firehose.outbound.OutboundHosts;
import dev.shardline.firehose.outbound.OutboundRefusedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a transformation function over HTTP, synchronously as Firehose invokes Lambda, and retries an invocation that
 * failed (unreachable, timed out, throttled, an error result, a body that is not the response shape) up to
 * NumberOfRetries times with a doubling backoff.
 */
@Component
class LambdaInvoker {

    private static final Logger log = LoggerFactory.getLogger(LambdaInvoker.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.shared();

    static final String FUNCTION_ERROR = "Lambda.FunctionError";
    static final String INVOKE_ACCESS_DENIED = "Lambda.InvokeAccessDenied";
    static final String RESOURCE_NOT_FOUND = "Lambda.ResourceNotFound";
    static final String INVOKE_LIMIT_EXCEEDED = "Lambda.InvokeLimitExceeded";
    static final String JSON_PROCESSING = "Lambda.JsonProcessingException";

    private final HttpClient http;
    private final Duration invocationTimeout;
    private final Duration retryBackoff;
    private final OutboundHosts outbound;

    @Autowired
    LambdaInvoker(FirehoseProperties properties, OutboundHosts outbound) {
        this(properties.lambda(), outbound);
    }

    /** For tests that call functions without a Spring context. */
    LambdaInvoker(FirehoseProperties.Lambda lambda, OutboundHosts outbound) {
        this.outbound = outbound;
        this.http = HttpClient.newBuilder()
                .connectTimeout(lambda.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.invocationTimeout = lambda.invocationTimeout();
        this.retryBackoff = lambda.retryBackoff();
    }

    /**
     * The function's response, or why it failed after {@code retries} retries. Throws only when the delivery thread is
     * interrupted (the worker is stopping), so the batch is delivered again later.
     */
    Invocation invoke(URI url, byte[] event, int retries) {
        Invocation last = null;
        Duration backoff = retryBackoff;
        for (int attempt = 1; attempt <= retries + 1; attempt++) {
            last = attempt(url, event, attempt);
            if (last.succeeded()) {
                return last;
            }
            if (!last.retryable()) {
                log.warn("Invoking {} failed: {} {}", url, last.errorCode(), last.errorMessage());
                return last;
            }
            if (attempt <= retries) {
                log.debug(
                        "Invocation {} of {} failed ({}); retrying in {}", attempt, url, last.errorMessage(), backoff);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        log.warn("Invoking {} failed {} times: {} {}", url, last.attempts(), last.errorCode(), last.errorMessage());
        return last;
    }

    /** A function's answer, its body read up to one byte beyond Lambda's payload limit, never whole. */
    private record Answer(int statusCode, java.net.http.HttpHeaders headers, byte[] body) {}

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> streamed = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream in = streamed.body()) {
            return new Answer(
                    streamed.statusCode(), streamed.headers(), in.readNBytes((int) LambdaStep.MAX_PAYLOAD_BYTES + 1));
        }
    }

    private Invocation attempt(URI url, byte[] event, int attempt) {
        try {
            outbound.resolve(url.getHost());
        } catch (OutboundRefusedException e) {
            // Not retried: the same host is refused again until the configuration changes.
            return Invocation.failed(
                    attempt,
                    false,
                    INVOKE_ACCESS_DENIED,
                    "Firehose refused to invoke the Lambda function at " + url + ": " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(invocationTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(event))
                .build();
        Answer response;
        try {
            response = send(request);
        } catch (HttpTimeoutException e) {
            return Invocation.failed(
                    attempt, true, FUNCTION_ERROR, "The Lambda function did not answer within " + invocationTimeout);
        } catch (IOException e) {
            return Invocation.failed(attempt, true, FUNCTION_ERROR, "The Lambda function could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while invoking " + url, e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return Invocation.failed(
                    attempt,
                    false,
                    INVOKE_ACCESS_DENIED,
                    "Access was denied. Ensure that the access policy allows access to the Lambda function.");
        }
        if (status == 404) {
            return Invocation.failed(
                    attempt,
                    false,
                    RESOURCE_NOT_FOUND,
                    "The specified Lambda function does not exist. Use a different function that does exist.");
        }
        if (status == 429) {
            return Invocation.failed(
                    attempt,
                    true,
                    INVOKE_LIMIT_EXCEEDED,
                    "The Lambda concurrent execution limit is exceeded. Increase the concurrent execution limit.");
        }
        if (status / 100 != 2
                || response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            return Invocation.failed(
                    attempt,
                    true,
                    FUNCTION_ERROR,
                    "The Lambda function was successfully invoked but it returned an error result (HTTP " + status
                            + ").");
        }
        if (response.body().length > LambdaStep.MAX_PAYLOAD_BYTES) {
            // Lambda refuses a synchronous response over its payload limit: the same records would be refused again.
            return Invocation.failed(
                    attempt,
                    false,
                    FUNCTION_ERROR,
                    "The Lambda function's response of more than " + LambdaStep.MAX_PAYLOAD_BYTES
                            + " bytes exceeds Lambda's " + LambdaStep.MAX_PAYLOAD_BYTES + " byte payload limit.");
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body == null || !body.path("records").isArray()) {
                throw new IllegalArgumentException("no records array");
            }
            return new Invocation(attempt, body, null, null, false);
        } catch (JacksonException | IllegalArgumentException e) {
            return Invocation.failed(
                    attempt,
                    true,
                    JSON_PROCESSING,
                    "There was an error parsing returned records from the Lambda function. Ensure that the returned"
                            + " records follow the status model required by Firehose.");
        }
    }

    private static void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted between invocation retries", e);
        }
    }

    /** One invocation's outcome after its retries: the response, or the error of its last attempt. */
    record Invocation(int attempts, JsonNode response, String errorCode, String errorMessage, boolean retryable) {

        static Invocation failed(int attempts, boolean retryable, String code, String message) {
            return new Invocation(attempts, null, code, message, retryable);
        }

        boolean succeeded() {
            return response != null;
        }
    }
}
