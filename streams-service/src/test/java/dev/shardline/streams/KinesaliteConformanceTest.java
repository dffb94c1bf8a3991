package dev.shardline.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.platform.testing.AwsAnswerTable;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Malformed and refused requests, answered as AWS answers them: every row of {@code conformance/kinesalite-kinesis.json}
 * (a request and the error type and message that AWS gave for it, as kinesalite's test suite recorded them against the
 * real service) is sent as a raw body, in JSON and in CBOR. That covers every member's wrong types, missing, empty, too
 * long and out of range values, and the order of serialization, validation, argument and existence checks. Rows that
 * describe AWS as it has since changed ("superseded") or where Shardline still differs ("deviation", open work) are
 * skipped with their reason.
 */
class KinesaliteConformanceTest extends StreamsIntegrationTest {

    private static final AwsAnswerTable TABLE =
            AwsAnswerTable.load("/conformance/kinesalite-kinesis.json", "Kinesis_20131202");

    @TestFactory
    Stream<DynamicTest> everyRecordedAnswerInJson() {
        return TABLE.tests(endpoint(), false, Map.of("TESTSTREAM", testStream()));
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedAnswerInCbor() {
        return TABLE.tests(endpoint(), true, Map.of("TESTSTREAM", testStream()));
    }

    /** The table itself: what it asserts is most of it, and each row it skips says why. */
    @Test
    void theTableAssertsMostRowsAndSaysWhyItSkipsTheRest() {
        assertThat(TABLE.size()).isGreaterThan(450);
        assertThat(TABLE.skipped()).isLessThan(TABLE.size() / 10);
    }

    /** A fresh 3-shard stream, as kinesalite's suite made one. */
    private String testStream() {
        String name = "kinesalite-" + UUID.randomUUID().toString().substring(0, 8);
        KinesisClient kinesis = kinesis(false);
        kinesis.createStream(r -> r.streamName(name).shardCount(3));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> kinesis.describeStreamSummary(r -> r.streamName(name))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
        return name;
    }
}
