package dev.shardline.streams.cloudwatch.web;

import static dev.shardline.streams.cloudwatch.web.CloudWatchProtocol.SERVICE;

import dev.shardline.platform.aws.AwsProperties;
import dev.shardline.platform.aws.WireAuthentication;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.cloudwatch.PublishedMetrics;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * CloudWatch PutMetricData, so that a KCL application (which publishes its metrics by default) needs no endpoint but
 * Shardline's: in Smithy RPC v2 CBOR at {@code /service/GraniteServiceVersion20100801/operation/PutMetricData}, in AWS
 * JSON 1.0 ({@code X-Amz-Target: GraniteServiceVersion20100801.PutMetricData}) and in the query protocol (a form
 * POST with {@code Action=PutMetricData}). The data points become Micrometer meters ({@link PublishedMetrics}); every
 * other CloudWatch operation is answered as unknown in the protocol it came in. Bodies may be gzip-compressed, as the
 * SDKs send PutMetricData from 10 KiB on.
 */
@RestController
@Hidden // the CloudWatch protocol, for the KCL's metrics; not part of the REST API
class CloudWatchEndpoint {

    private static final Logger log = LoggerFactory.getLogger(CloudWatchEndpoint.class);
    private static final String PUT_METRIC_DATA = "PutMetricData";

    private final WireAuthentication authentication;
    private final PublishedMetrics metrics;
    private final PutMetricDataCheck check;
    private final long maxBytes;

    CloudWatchEndpoint(WireAuthentication authentication, PublishedMetrics metrics, AwsProperties aws, Clock clock) {
        this.authentication = authentication;
        this.metrics = metrics;
        this.check = new PutMetricDataCheck(clock);
        this.maxBytes = aws.maxRequestSize().toBytes();
    }

    @PostMapping("/service/" + SERVICE + "/operation/{operation}")
    ResponseEntity<byte[]> rpcV2Cbor(@PathVariable String operation, HttpServletRequest request) throws IOException {
        return handle(CloudWatchProtocol.RPC_V2_CBOR, operation, request);
    }

    /** Only PutMetricData: other targets of the service reach the shared endpoint, which knows no such operation. */
    @PostMapping(path = "/", headers = "X-Amz-Target=" + SERVICE + "." + PUT_METRIC_DATA)
    ResponseEntity<byte[]> json(HttpServletRequest request) throws IOException {
        return handle(CloudWatchProtocol.JSON_1_0, PUT_METRIC_DATA, request);
    }

    /** Query requests carry no target; a form that names one is left to the shared endpoint, as before. */
    @PostMapping(path = "/", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, headers = "!X-Amz-Target")
    ResponseEntity<byte[]> query(HttpServletRequest request) throws IOException {
        return handle(CloudWatchProtocol.QUERY, null, request);
    }

    private ResponseEntity<byte[]> handle(CloudWatchProtocol protocol, String operation, HttpServletRequest request)
            throws IOException {
        String requestId = UUID.randomUUID().toString();
        String action = operation;
        try {
            byte[] raw = read(request.getInputStream(), maxBytes);
            String encoding = request.getHeader("Content-Encoding");
            if (protocol == CloudWatchProtocol.QUERY) {
                action = queryAction(raw, encoding);
                if (action == null) {
                    return undetermined(requestId);
                }
            }
            byte[] body = decompressed(raw, encoding);
            authentication.authenticate(request, raw, requestId);
            requireKnown(protocol, action);
            PutMetricDataInput input = protocol.decode(body);
            List<PutMetricDataCheck.Observation> observations = check.check(input);
            observations.forEach(o -> metrics.record(o.series(), o.statistics()));
            log.debug("PutMetricData: {} data points in {}", observations.size(), input.namespace());
            return protocol.ok(action, requestId);
        } catch (AwsException e) {
            log.debug("CloudWatch {} answered {}: {}", action, e.errorType().type(), e.getMessage());
            return protocol.error(e, requestId);
        } catch (RuntimeException e) {
            log.error("CloudWatch {} failed", action, e);
            return protocol.error(AwsErrorType.INTERNAL_FAILURE.exception(null), requestId);
        }
    }

    /**
     * The query request's Action, or null when the body is no readable form that names one: such a form need not be
     * meant for CloudWatch at all.
     */
    private static String queryAction(byte[] raw, String encoding) throws IOException {
        try {
            return QueryForm.parse(new String(decompressed(raw, encoding), StandardCharsets.UTF_8))
                    .get("Action");
        } catch (AwsException unreadable) {
            return null;
        }
    }

    /** What the shared endpoint answers a POST whose protocol it cannot tell, in the same words. */
    private static ResponseEntity<byte[]> undetermined(String requestId) {
        String body = "<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be"
                + " authorized</Message>\n</AccessDeniedException>\n";
        return ResponseEntity.status(403)
                .header(CloudWatchProtocol.REQUEST_ID_HEADER, requestId)
                .contentType(MediaType.APPLICATION_XML)
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void requireKnown(CloudWatchProtocol protocol, String action) {
        if (PUT_METRIC_DATA.equals(action)) {
            return;
        }
        if (protocol == CloudWatchProtocol.QUERY) {
            throw AwsErrorType.INVALID_ACTION.exception("The action " + action + " is not valid for this web service.");
        }
        throw AwsErrorType.UNKNOWN_OPERATION.exception(null);
    }

    private static byte[] decompressed(byte[] body, String encoding) throws IOException {
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            return body;
        }
        if (!encoding.trim().toLowerCase(Locale.ROOT).equals("gzip")) {
            throw AwsErrorType.INVALID_PARAMETER_VALUE.exception(
                    "Content-Encoding " + encoding + " is not supported: send the body as is or gzip-compressed.");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return readDecompressed(in);
        } catch (ZipException | EOFException e) {
            throw AwsErrorType.SERIALIZATION.exception("The body is not valid gzip: " + e.getMessage());
        }
    }

    private static byte[] readDecompressed(InputStream in) throws IOException {
        // CloudWatch takes at most 1 MB of request, so far less than this expands from any valid PutMetricData
        return read(in, 64L * 1024 * 1024);
    }

    private static byte[] read(InputStream in, long max) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (body.length > max) {
            throw AwsErrorType.REQUEST_ENTITY_TOO_LARGE.exception(
                    "Request body exceeds the maximum request size of " + max + " bytes");
        }
        return body;
    }
}
