package dev.shardline.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.platform.testing.AwsAnswerTable;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Malformed Firehose requests, answered as AWS's request layer answers them, whatever the action: each row of
 * {@code conformance/firehose.json} (every action; wrong types, missing, empty, too long and out of range members,
 * several together) is sent as a raw body in JSON and in CBOR, against a real delivery stream where it names one.
 */
class FirehoseMalformedRequestsTest extends FirehoseIntegrationTest {

    private static final AwsAnswerTable TABLE = AwsAnswerTable.load("/conformance/firehose.json", "Firehose_20150804");

    @TestFactory
    Stream<DynamicTest> everyRowInJson() {
        return TABLE.tests(endpoint(), false, Map.of("STREAM", stream()));
    }

    @TestFactory
    Stream<DynamicTest> everyRowInCbor() {
        return TABLE.tests(endpoint(), true, Map.of("STREAM", stream()));
    }

    @Test
    void everyActionHasRowsAndNoneIsSkipped() {
        assertThat(TABLE.size()).isGreaterThanOrEqualTo(25);
        assertThat(TABLE.skipped()).isZero();
    }

    private String stream() {
        return activeStream(firehose(), newBucket(), "", 1, 900, "UNCOMPRESSED");
    }
}
