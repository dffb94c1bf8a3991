package dev.shardline.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * The request check on its own, for what the recorded Kinesis answers do not reach: CBOR's own values, secrets, and
 * integers beyond their type. {@code KinesaliteConformanceTest} drives it with AWS's recorded answers.
 */
class AwsInputCheckTest {

    private static final AwsServiceModel MODEL =
            AwsServiceModel.parse(JsonMapper.shared().readTree("""
            {"metadata": {"endpointPrefix": "demo", "apiVersion": "2020-01-02", "targetPrefix": "Demo_20200102"},
             "operations": {"Put": {"input": {"shape": "PutInput"}}},
             "shapes": {
               "PutInput": {"type": "structure", "required": ["Name"], "members": {
                 "Name": {"shape": "Name"}, "Limit": {"shape": "Limit"}, "Secret": {"shape": "Secret"},
                 "Payload": {"shape": "Payload"}}},
               "Name": {"type": "string", "min": 1, "max": 5},
               "Limit": {"type": "integer", "min": 1, "max": 10},
               "Secret": {"type": "string", "min": 8, "sensitive": true},
               "Payload": {"type": "blob", "max": 2}}}
            """));

    @Test
    void aCborNotANumberIsNoInteger() {
        JsonNode body = CBORMapper.shared()
                .readTree(CBORMapper.shared().writeValueAsBytes(Map.of("Name", "a", "Limit", Double.NaN)));

        assertThatThrownBy(() -> check(body))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.SERIALIZATION))
                .hasMessage("'NaN' can not be converted to an Integer");
    }

    @Test
    void aCborByteStringIsABlobAndItsLengthIsChecked() {
        JsonNode body = CBORMapper.shared()
                .readTree(CBORMapper.shared().writeValueAsBytes(Map.of("Name", "a", "Payload", new byte[3])));

        assertThatThrownBy(() -> check(body))
                .hasMessage("1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=3 cap=3]' at "
                        + "'payload' failed to satisfy constraint: Member must have length less than or equal to 2");
    }

    @Test
    void aSecretIsNotRepeatedBack() {
        assertThatThrownBy(() -> check(json("{\"Name\": \"a\", \"Secret\": \"hunter2\"}")))
                .hasMessage("1 validation error detected: Value at 'secret' failed to satisfy constraint: Member must "
                        + "have length greater than or equal to 8");
    }

    @Test
    void anIntegerBeyondItsTypeIsHeldToItsRangeAndAFractionIsCutOff() {
        assertThatThrownBy(() -> check(json("{\"Name\": \"a\", \"Limit\": 1e40}")))
                .hasMessage("1 validation error detected: Value '2147483647' at 'limit' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 10");
        assertThatThrownBy(() -> check(json("{\"Name\": \"a\", \"Limit\": 0.9}")))
                .hasMessage("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
    }

    @Test
    void paddingAloneIsNoBase64() {
        assertThatThrownBy(() -> check(json("{\"Name\": \"a\", \"Payload\": \"====\"}")))
                .hasMessage("'====' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
    }

    @Test
    void aWellFormedRequestPasses() {
        check(json("{\"Name\": \"abc\", \"Limit\": 10, \"Secret\": \"12345678\", \"Payload\": \"AAA=\", \"X\": 1}"));
    }

    private static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }

    @Test
    void aRestJsonOperationIsFoundByItsMethodAndPathAsAwsWritesIt() {
        AwsServiceModel rest = AwsServiceModel.parse(JsonMapper.shared().readTree("""
                {"metadata": {"endpointPrefix": "toyvideo", "apiVersion": "2017-09-30", "protocol": "rest-json"},
                 "operations": {
                   "CreateStream": {"http": {"method": "POST", "requestUri": "/createStream"},
                                    "input": {"shape": "CreateStreamInput"}},
                   "TagResource": {"http": {"method": "POST", "requestUri": "/TagResource"},
                                   "input": {"shape": "CreateStreamInput"}}},
                 "shapes": {
                   "CreateStreamInput": {"type": "structure", "required": ["StreamName"],
                                         "members": {"StreamName": {"shape": "StreamName"}}},
                   "StreamName": {"type": "string", "min": 1, "max": 256, "pattern": "[a-zA-Z0-9_.-]+"}}}
                """));

        assertThat(rest.inputAt("POST", "/createStream")).isPresent();
        assertThat(rest.inputAt("POST", "/TagResource")).isPresent();
        assertThat(rest.inputAt("POST", "/tagResource")).isEmpty();
        assertThat(rest.inputAt("GET", "/createStream")).isEmpty();
        assertThatThrownBy(() -> AwsInputCheck.check(
                        json("{\"StreamName\": \"a b\"}"),
                        rest.inputAt("POST", "/createStream").orElseThrow(),
                        rest.structurePrefix()))
                .hasMessage("1 validation error detected: Value 'a b' at 'streamName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    private static void check(JsonNode body) {
        AwsInputCheck.check(body, MODEL.input("Put").orElseThrow(), "com.amazonaws.demo.v20200102");
    }
}
