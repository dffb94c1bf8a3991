package dev.shardline.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.cbor.CBORParser;

class AwsWireFormatTest {

    record Shape(String streamName, byte[] data, Instant approximateArrivalTimestamp) {}

    @Test
    void jsonUsesAwsMemberNamesBase64BlobsAndEpochSecondTimestamps() {
        Shape shape = new Shape("s", new byte[] {1, 2, 3}, Instant.ofEpochMilli(1_700_000_000_123L));

        String json = new String(AwsWireFormat.JSON.mapper().writeValueAsBytes(shape));

        assertThat(json)
                .isEqualTo("{\"StreamName\":\"s\",\"Data\":\"AQID\",\"ApproximateArrivalTimestamp\":1700000000.123}");
        assertThat(AwsWireFormat.JSON.mapper().readValue(json, Shape.class).approximateArrivalTimestamp())
                .isEqualTo(shape.approximateArrivalTimestamp());
    }

    @Test
    void aJson10RequestIsAnsweredInJson10AndEveryOtherInItsFormatsOwnType() {
        assertThat(AwsWireFormat.JSON.answerContentType("application/x-amz-json-1.0"))
                .isEqualTo("application/x-amz-json-1.0");
        assertThat(AwsWireFormat.JSON.answerContentType("Application/X-Amz-Json-1.0; charset=utf-8"))
                .isEqualTo("application/x-amz-json-1.0");
        assertThat(AwsWireFormat.JSON.answerContentType("application/x-amz-json-1.1"))
                .isEqualTo("application/x-amz-json-1.1");
        assertThat(AwsWireFormat.CBOR.answerContentType("application/x-amz-cbor-1.1"))
                .isEqualTo("application/x-amz-cbor-1.1");
    }

    @Test
    void cborWritesTimestampsAsTagOneWithEpochMillis() throws Exception {
        Shape shape = new Shape("s", new byte[] {1}, Instant.ofEpochMilli(1_700_000_000_123L));
        byte[] cbor = AwsWireFormat.CBOR.mapper().writeValueAsBytes(shape);

        int timestamps = 0;
        try (CBORParser parser = (CBORParser) AwsWireFormat.CBOR.mapper().createParser(cbor)) {
            while (parser.nextToken() != null) {
                if ("ApproximateArrivalTimestamp".equals(parser.currentName())
                        && parser.currentToken().isScalarValue()) {
                    timestamps++;
                    assertThat(parser.currentToken().isNumeric()).isTrue();
                    assertThat(parser.getCurrentTag()).isEqualTo(1);
                    assertThat(parser.getLongValue()).isEqualTo(1_700_000_000_123L);
                }
            }
        }
        assertThat(timestamps).as("the timestamp member is written once").isEqualTo(1);
        assertThat(AwsWireFormat.CBOR.mapper().readValue(cbor, Shape.class).data())
                .containsExactly(1);
        assertThat(AwsWireFormat.CBOR.mapper().readValue(cbor, Shape.class).approximateArrivalTimestamp())
                .isEqualTo(shape.approximateArrivalTimestamp());
    }

    @Test
    void acceptsOnlyAwsContentTypes() {
        assertThat(AwsWireFormat.forContentType("application/x-amz-cbor-1.1")).contains(AwsWireFormat.CBOR);
        assertThat(AwsWireFormat.forContentType("application/x-amz-json-1.1; charset=utf-8"))
                .contains(AwsWireFormat.JSON);
        assertThat(AwsWireFormat.forContentType("text/plain")).isEmpty();
        assertThat(AwsWireFormat.forContentType(null)).isEmpty();
    }
}
