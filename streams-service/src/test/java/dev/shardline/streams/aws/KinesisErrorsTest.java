package dev.shardline.streams.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.kinesis.SequenceNumber;
import dev.shardline.streams.StreamsIntegrationTest;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.*;

/** Bad requests get AWS's error types and wording, through the SDK in both encodings. */
class KinesisErrorsTest extends StreamsIntegrationTest {

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void unknownStreamIsResourceNotFound(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);

        assertThatThrownBy(() -> kinesis.describeStream(r -> r.streamName("no-such-stream")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Stream no-such-stream under account 000000000000 not found.");
        assertThatThrownBy(() -> kinesis.putRecord(
                        r -> r.streamName("no-such-stream").partitionKey("k").data(SdkBytes.fromUtf8String("v"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void creatingAStreamTwiceIsResourceInUse(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);

        assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName(name).shardCount(1)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Stream " + name + " under account 000000000000 already exists.");
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void invalidNamesAndCountsAreValidationErrorsWithAwsWording(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);

        assertThatThrownBy(() ->
                        kinesis.createStream(r -> r.streamName("bad name!").shardCount(0)))
                .isInstanceOfSatisfying(KinesisException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("2 validation errors detected: Value '0' at 'shardCount' failed to satisfy "
                                    + "constraint: Member must have value greater than or equal to 1; Value "
                                    + "'bad name!' at 'streamName' failed to satisfy constraint: Member must satisfy "
                                    + "regular expression pattern: [a-zA-Z0-9_.-]+");
                });
        assertThatThrownBy(() ->
                        kinesis.createStream(r -> r.streamName("x".repeat(129)).shardCount(1)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains("Member must have length less than or equal to 128"));
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void shardLimitIsEnforcedWithLimitExceeded(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);

        assertThatThrownBy(() ->
                        kinesis.createStream(r -> r.streamName(uniqueName()).shardCount(2001)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("This request would exceed the shard limit for the account 000000000000")
                .hasMessageContaining("Limit: 2000.");
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void badRecordsAreRefused(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);

        assertThatThrownBy(() -> kinesis.putRecord(
                        r -> r.streamName(name).partitionKey("").data(SdkBytes.fromUtf8String("v"))))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("1 validation error detected: Value '' at 'partitionKey' failed to satisfy "
                                        + "constraint: Member must have length greater than or equal to 1"));
        assertThatThrownBy(() -> kinesis.putRecord(r ->
                        r.streamName(name).partitionKey("k").data(SdkBytes.fromByteArray(new byte[1024 * 1024 + 1]))))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains(
                                        "at 'data' failed to satisfy constraint: Member must have length less than or "
                                                + "equal to 1048576"));
        assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName(name)
                        .partitionKey("k")
                        .explicitHashKey("340282366920938463463374607431768211456")
                        .data(SdkBytes.fromUtf8String("v"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid ExplicitHashKey.");
        List<PutRecordsRequestEntry> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(PutRecordsRequestEntry.builder()
                    .partitionKey("k")
                    .data(SdkBytes.fromUtf8String("v"))
                    .build());
        }
        assertThatThrownBy(() -> kinesis.putRecords(r -> r.streamName(name).records(tooMany)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains(
                                        "at 'records' failed to satisfy constraint: Member must have length less than or "
                                                + "equal to 500"));
        assertThatThrownBy(() -> kinesis.putRecords(r -> r.streamName(name)
                        .records(
                                PutRecordsRequestEntry.builder()
                                        .partitionKey("k")
                                        .data(SdkBytes.fromUtf8String("v"))
                                        .build(),
                                PutRecordsRequestEntry.builder()
                                        .partitionKey("")
                                        .data(SdkBytes.fromUtf8String("v"))
                                        .build())))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains("Value '' at 'records.2.member.partitionKey' failed to satisfy constraint"));
        List<PutRecordsRequestEntry> tooBig = new ArrayList<>();
        // Over the 10 MiB PutRecords limit, yet under the 16 MiB request limit once base64-encoded in JSON.
        for (int i = 0; i < 11; i++) {
            tooBig.add(PutRecordsRequestEntry.builder()
                    .partitionKey("k")
                    .data(SdkBytes.fromByteArray(new byte[1000 * 1024]))
                    .build());
        }
        assertThatThrownBy(() -> kinesis.putRecords(r -> r.streamName(name).records(tooBig)))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void iteratorsAreCheckedAsAwsChecksThem(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 2);
        String seqOnShard0 = null;
        for (int i = 0; seqOnShard0 == null && i < 50; i++) {
            int n = i;
            PutRecordResponse put = kinesis.putRecord(
                    r -> r.streamName(name).partitionKey("k" + n).data(SdkBytes.fromUtf8String("v")));
            if (put.shardId().equals("shardId-000000000000")) {
                seqOnShard0 = put.sequenceNumber();
            }
        }
        String seq = seqOnShard0;

        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(name)
                        .shardId("shardId-000000000009")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith(
                        "Shard shardId-000000000009 in stream " + name + " under account 000000000000 does not exist");
        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(name)
                        .shardId("shardId-000000000001")
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .startingSequenceNumber(seq)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid StartingSequenceNumber. It encodes shardId-000000000000, while it "
                        + "was used in a call to a shard with shardId-000000000001");
        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(name)
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
                        + "StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. "
                        + "Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.");
        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(name)
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.AT_TIMESTAMP)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Must specify timestampInMillis parameter");
        assertThatThrownBy(() -> kinesis.getShardIterator(
                        r -> r.streamName(name).shardId("shardId-000000000000").shardIteratorType("SOMEWHERE")))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains(
                                        "Value 'SOMEWHERE' at 'shardIteratorType' failed to satisfy constraint: Member must "
                                                + "satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, "
                                                + "AT_SEQUENCE_NUMBER, TRIM_HORIZON]")); // AWS's order, as recorded

        String iterator = kinesis.getShardIterator(r -> r.streamName(name)
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        char[] chars = iterator.toCharArray();
        chars[40] = chars[40] == 'A' ? 'B' : 'A';
        String tampered = new String(chars);
        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(tampered)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid ShardIterator.");
        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator("not-an-iterator")))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(
                        () -> kinesis.getRecords(r -> r.shardIterator(iterator).limit(0)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo(
                                        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                                                + "Member must have value greater than or equal to 1"));
        assertThatThrownBy(
                        () -> kinesis.getRecords(r -> r.shardIterator(iterator).limit(10_001)))
                .isInstanceOf(KinesisException.class);
    }

    /** A number a put returned orders the next put; one AWS cannot decode, or that lies ahead, is refused. */
    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void sequenceNumberForOrderingMustBeOneAwsCouldHaveIssued(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        String first = kinesis.putRecord(
                        r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("1")))
                .sequenceNumber();

        String second = kinesis.putRecord(r -> r.streamName(name)
                        .partitionKey("k")
                        .data(SdkBytes.fromUtf8String("2"))
                        .sequenceNumberForOrdering(first))
                .sequenceNumber();
        assertThat(new BigInteger(second)).isGreaterThan(new BigInteger(first));

        SequenceNumber issued = SequenceNumber.parse(first).orElseThrow();
        String ahead = new SequenceNumber(
                        issued.shardCreationSeconds(),
                        0,
                        issued.offset(),
                        Instant.now().plusSeconds(3600).getEpochSecond())
                .toString();
        for (String refused : List.of(ahead, "49039857307708443467467104868809893875799651909875269636")) {
            assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName(name)
                            .partitionKey("k")
                            .data(SdkBytes.fromUtf8String("3"))
                            .sequenceNumberForOrdering(refused)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageStartingWith("ExclusiveMinimumSequenceNumber " + refused
                            + " used in PutRecord on stream " + name + " under account 000000000000 is invalid.");
        }
    }

    /** A number of this shard's index but of another shard (created at another time, or in an older layout). */
    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void aStartingSequenceNumberFromAnotherStreamIsRefused(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        SequenceNumber issued = SequenceNumber.parse(kinesis.putRecord(
                                r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("v")))
                        .sequenceNumber())
                .orElseThrow();
        String elsewhere = new SequenceNumber(
                        issued.shardCreationSeconds() - 1, 0, issued.offset(), issued.arrivalSeconds())
                .toString();

        for (String foreign : List.of(elsewhere, "0")) {
            assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(name)
                            .shardId("shardId-000000000000")
                            .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                            .startingSequenceNumber(foreign)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageStartingWith("StartingSequenceNumber " + foreign + " used in GetShardIterator on shard "
                            + "shardId-000000000000 in stream " + name + " under account 000000000000 is invalid "
                            + "because it did not come from this stream.");
        }
        assertThat(kinesis.getShardIterator(r -> r.streamName(name)
                                .shardId("shardId-000000000000")
                                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                                .startingSequenceNumber(issued.toString()))
                        .shardIterator())
                .isNotEmpty();
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void iteratorsOfADeletedStreamNoLongerRead(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        String iterator = kinesis.getShardIterator(r -> r.streamName(name)
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();

        kinesis.deleteStream(r -> r.streamName(name));

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(iterator)))
                        .isInstanceOf(ResourceNotFoundException.class));
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void listShardsRefusesNextTokenWithStreamName(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 3);
        String token = kinesis.listShards(r -> r.streamName(name).maxResults(1)).nextToken();

        assertThatThrownBy(() -> kinesis.listShards(r -> r.streamName(name).nextToken(token)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("NextToken and StreamName cannot be provided together.");
        assertThatThrownBy(() -> kinesis.listShards(r -> r.nextToken("garbage")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void pagingLimitsAreValidated(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);

        assertThatThrownBy(() -> kinesis.listStreams(r -> r.limit(0)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo(
                                        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                                                + "Member must have value greater than or equal to 1"));
        assertThatThrownBy(() -> kinesis.describeStream(r -> r.streamName(name).limit(10_001)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains("Member must have value less than or equal to 10000"));
        assertThatThrownBy(() -> kinesis.listShards(r -> r.streamName(name).maxResults(0)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamARN("arn:aws:s3:::bucket")))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains(
                                        "at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression"));
        assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> {}))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void aStreamBeingDeletedCannotBeDeletedAgain(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = uniqueName();

        kinesis.createStream(r -> r.streamName(name).shardCount(1));
        awaitActive(kinesis, name);
        kinesis.deleteStream(r -> r.streamName(name));
        assertThatThrownBy(() -> kinesis.deleteStream(r -> r.streamName(name)))
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode())
                                .isIn("ResourceInUseException", "ResourceNotFoundException"));
    }
}
