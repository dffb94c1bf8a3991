package dev.shardline.streams.cloudwatch.web;

import dev.shardline.platform.aws.AwsWireFormat;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * The three protocols CloudWatch speaks, each with its request body, its answer and its error shape:
 * Smithy RPC v2 CBOR (the AWS SDK for Java v2 since 2025, so the KCL), AWS JSON 1.0 (boto3 and the AWS CLI) and the
 * query protocol (form-encoded, XML answers: older SDKs and CLIs). CloudWatch is "AWS query compatible": the JSON and
 * CBOR errors carry the query protocol's code in {@code x-amzn-query-error}, which the SDKs report as the error code.
 */
enum CloudWatchProtocol {
    RPC_V2_CBOR("application/cbor") {
        @Override
        JsonNode tree(byte[] body) {
            // a plain CBOR reader: RPC v2 timestamps are tag 1 with epoch seconds, then bound as JSON's seconds
            return CBOR.readTree(body);
        }

        @Override
        ObjectMapper mapper() {
            return CBOR;
        }
    },
    JSON_1_0("application/x-amz-json-1.0") {
        @Override
        JsonNode tree(byte[] body) {
            return BINDER.readTree(body);
        }

        @Override
        ObjectMapper mapper() {
            return BINDER;
        }
    },
    QUERY("text/xml") {
        @Override
        JsonNode tree(byte[] body) {
            return QueryForm.parse(new String(body, StandardCharsets.UTF_8)).tree();
        }

        @Override
        ObjectMapper mapper() {
            throw new UnsupportedOperationException("the query protocol answers in XML");
        }
    };

    static final String SERVICE = "GraniteServiceVersion20100801";
    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    private static final String XMLNS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final CBORMapper CBOR = CBORMapper.builder().build();
    private static final ObjectMapper BINDER = AwsWireFormat.JSON.mapper();

    private final String contentType;

    CloudWatchProtocol(String contentType) {
        this.contentType = contentType;
    }

    abstract JsonNode tree(byte[] body);

    abstract ObjectMapper mapper();

    /**
     * The request body as PutMetricData's input.
     *
     * @throws AwsException SerializationException (JSON, CBOR) or InvalidParameterValue (query) for a body that is
     *     not one
     */
    PutMetricDataInput decode(byte[] body) {
        try {
            JsonNode tree = this == QUERY || body.length > 0 ? tree(body) : null;
            if (tree == null || !tree.isObject()) {
                throw AwsErrorType.SERIALIZATION.exception(null);
            }
            return BINDER.readerFor(PutMetricDataInput.class).readValue(tree);
        } catch (JacksonException e) {
            String member = member(e);
            if (this == QUERY) {
                throw AwsErrorType.INVALID_PARAMETER_VALUE.exception(
                        member == null
                                ? "The request is not valid."
                                : "The value for parameter " + member + " is invalid.");
            }
            throw AwsErrorType.SERIALIZATION.exception(
                    member == null ? "Malformed request body" : "Unexpected value or type for member " + member);
        }
    }

    /** Where the value that could not be read sits, as the query protocol names it: MetricData.member.1.Value. */
    private static String member(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append(".member.").append(ref.getIndex() + 1);
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    ResponseEntity<byte[]> ok(String action, String requestId) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header(REQUEST_ID_HEADER, requestId);
        if (this == QUERY) {
            String xml = "<" + action + "Response xmlns=\"" + XMLNS + "\">\n"
                    + "  <ResponseMetadata>\n"
                    + "    <RequestId>" + requestId + "</RequestId>\n"
                    + "  </ResponseMetadata>\n"
                    + "</" + action + "Response>\n";
            return answer.contentType(MediaType.parseMediaType(contentType)).body(xml.getBytes(StandardCharsets.UTF_8));
        }
        if (this == RPC_V2_CBOR) {
            answer.header("smithy-protocol", "rpc-v2-cbor");
        }
        return answer.contentType(MediaType.parseMediaType(contentType)).body(mapper().writeValueAsBytes(Map.of()));
    }

    ResponseEntity<byte[]> error(AwsException e, String requestId) {
        AwsErrorType type = e.errorType();
        String fault = type.httpStatus() >= 500 ? "Receiver" : "Sender";
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(type.httpStatus()).header(REQUEST_ID_HEADER, requestId);
        if (this == QUERY) {
            String message = e.getMessage() == null ? "" : "    <Message>" + xml(e.getMessage()) + "</Message>\n";
            String body = "<ErrorResponse xmlns=\"" + XMLNS + "\">\n"
                    + "  <Error>\n"
                    + "    <Type>" + fault + "</Type>\n"
                    + "    <Code>" + queryCode(type) + "</Code>\n"
                    + message
                    + "  </Error>\n"
                    + "  <RequestId>" + requestId + "</RequestId>\n"
                    + "</ErrorResponse>\n";
            return answer.contentType(MediaType.parseMediaType(contentType))
                    .body(body.getBytes(StandardCharsets.UTF_8));
        }
        if (this == RPC_V2_CBOR) {
            answer.header("smithy-protocol", "rpc-v2-cbor");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", type.type());
        if (e.getMessage() != null) {
            // a message that repeats a client's value may hold an unpaired surrogate: the round trip replaces it
            body.put("message", new String(e.getMessage().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
        return answer.header("x-amzn-query-error", queryCode(type) + ";" + fault)
                .header("x-amzn-ErrorType", type.type())
                .contentType(MediaType.parseMediaType(contentType))
                .body(mapper().writeValueAsBytes(body));
    }

    /** The query protocol's code of an error: what CloudWatch's model names in each error shape's {@code code}. */
    static String queryCode(AwsErrorType type) {
        return switch (type) {
            case INVALID_PARAMETER_VALUE -> "InvalidParameterValue";
            case MISSING_PARAMETER -> "MissingParameter";
            case INVALID_PARAMETER_COMBINATION -> "InvalidParameterCombination";
            case INTERNAL_FAILURE -> "InternalServiceError";
            default ->
                type.type().endsWith("Exception")
                        ? type.type().substring(0, type.type().length() - "Exception".length())
                        : type.type();
        };
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
