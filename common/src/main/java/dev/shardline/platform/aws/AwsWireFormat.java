package dev.shardline.platform.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/** The two body encodings of the AWS JSON protocol family, each with its own mapper. */
public enum AwsWireFormat {
    JSON("application/x-amz-json-1.1", configure(JsonMapper.builder())),
    CBOR("application/x-amz-cbor-1.1", configure(CBORMapper.builder()));

    private static final String JSON_1_0 = "application/x-amz-json-1.0";

    private final String contentType;
    private final ObjectMapper mapper;

    AwsWireFormat(String contentType, ObjectMapper mapper) {
        this.contentType = contentType;
        this.mapper = mapper;
    }

    public String contentType() {
        return contentType;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The Content-Type of the answer to a request in this format: JSON 1.0 (DynamoDB's protocol) is answered in JSON
     * 1.0, as AWS answers it; the bodies of the two JSON versions are written alike.
     */
    public String answerContentType(String requestContentType) {
        if (this == JSON
                && requestContentType != null
                && requestContentType.split(";", 2)[0].trim().equalsIgnoreCase(JSON_1_0)) {
            return JSON_1_0;
        }
        return contentType;
    }

    /** The format for a request's Content-Type, or empty when it is none that AWS JSON services accept. */
    public static Optional<AwsWireFormat> forContentType(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String type = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/x-amz-json-1.1", "application/x-amz-json-1.0" -> Optional.of(JSON);
            case "application/x-amz-cbor-1.1" -> Optional.of(CBOR);
            default -> Optional.empty();
        };
    }

    private static ObjectMapper configure(MapperBuilder<?, ?> builder) {
        return builder.propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addModule(AwsTimestamps.module())
                .build();
    }
}
