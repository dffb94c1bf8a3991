package dev.shardline.streams.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.streams.StreamsIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.*;

/** Enhanced fan-out consumer registration through the AWS SDK v2 KinesisClient, in CBOR and in JSON. */
class KinesisConsumersTest extends StreamsIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void aConsumerIsRegisteredDescribedListedCountedAndDeregisteredAsInAws(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = activeStream(kinesis, 1);
        String streamArn = streamArn(kinesis, stream);

        Consumer registered = kinesis.registerStreamConsumer(
                        r -> r.streamARN(streamArn).consumerName("billing"))
                .consumer();

        assertThat(registered.consumerName()).isEqualTo("billing");
        assertThat(registered.consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
        assertThat(registered.consumerCreationTimestamp())
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(registered.consumerARN())
                .isEqualTo(streamArn + "/consumer/billing:"
                        + registered.consumerCreationTimestamp().getEpochSecond());
        await().atMost(WAIT)
                .until(() -> kinesis.describeStreamConsumer(r -> r.consumerARN(registered.consumerARN()))
                                .consumerDescription()
                                .consumerStatus()
                        == ConsumerStatus.ACTIVE);

        ConsumerDescription byName = kinesis.describeStreamConsumer(
                        r -> r.streamARN(streamArn).consumerName("billing"))
                .consumerDescription();
        assertThat(byName.consumerARN()).isEqualTo(registered.consumerARN());
        assertThat(byName.streamARN()).isEqualTo(streamArn);
        assertThat(byName.consumerCreationTimestamp()).isEqualTo(registered.consumerCreationTimestamp());
        assertThat(kinesis.listStreamConsumers(r -> r.streamARN(streamArn)).consumers())
                .extracting(Consumer::consumerARN, Consumer::consumerStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(registered.consumerARN(), ConsumerStatus.ACTIVE));
        assertThat(consumerCount(kinesis, stream)).isEqualTo(1);

        kinesis.deregisterStreamConsumer(r -> r.consumerARN(registered.consumerARN()));

        assertThat(statusOrGone(kinesis, registered.consumerARN())).isIn("DELETING", "gone");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThatThrownBy(
                                () -> kinesis.describeStreamConsumer(r -> r.consumerARN(registered.consumerARN())))
                        .isInstanceOf(ResourceNotFoundException.class)
                        .hasMessageStartingWith("Consumer " + registered.consumerARN() + " not found."));
        assertThat(consumerCount(kinesis, stream)).isZero();
        assertThat(kinesis.listStreamConsumers(r -> r.streamARN(streamArn)).consumers())
                .isEmpty();
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void aConsumerIsDeregisteredByStreamArnAndNameAndItsNameCanBeTakenAgain(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String streamArn = streamArn(kinesis, activeStream(kinesis, 1));
        String first = activeConsumer(kinesis, streamArn, "again");

        kinesis.deregisterStreamConsumer(r -> r.streamARN(streamArn).consumerName("again"));
        await().atMost(WAIT)
                .until(() -> kinesis.listStreamConsumers(r -> r.streamARN(streamArn))
                        .consumers()
                        .isEmpty());

        String second = activeConsumer(kinesis, streamArn, "again");

        // The ARN carries the creation second, so it differs from the first one's unless both fell in one second.
        assertThat(second).startsWith(streamArn + "/consumer/again:");
        assertThat(first).startsWith(streamArn + "/consumer/again:");
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void aNameIsTakenOncePerStreamAndAStreamHoldsTwentyConsumers(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = activeStream(kinesis, 1);
        String streamArn = streamArn(kinesis, stream);
        for (int i = 0; i < 20; i++) {
            int n = i;
            kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("c" + n));
        }

        assertThatThrownBy(() -> kinesis.registerStreamConsumer(
                        r -> r.streamARN(streamArn).consumerName("c7")))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith(
                        "Consumer c7 under stream " + stream + " under account 000000000000 already exists.");
        assertThatThrownBy(() -> kinesis.registerStreamConsumer(
                        r -> r.streamARN(streamArn).consumerName("c20")))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("Limit: 20.");
        assertThat(consumerCount(kinesis, stream)).isEqualTo(20);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void listStreamConsumersPagesWithNextTokenAndTellsStreamsApartByCreationTime(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = activeStream(kinesis, 1);
        String streamArn = streamArn(kinesis, stream);
        for (String name : List.of("d", "b", "e", "a", "c")) {
            kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName(name));
        }

        ListStreamConsumersResponse first =
                kinesis.listStreamConsumers(r -> r.streamARN(streamArn).maxResults(2));
        ListStreamConsumersResponse second = kinesis.listStreamConsumers(
                r -> r.streamARN(streamArn).maxResults(2).nextToken(first.nextToken()));
        ListStreamConsumersResponse third = kinesis.listStreamConsumers(
                r -> r.streamARN(streamArn).maxResults(2).nextToken(second.nextToken()));

        assertThat(first.consumers()).extracting(Consumer::consumerName).containsExactly("a", "b");
        assertThat(second.consumers()).extracting(Consumer::consumerName).containsExactly("c", "d");
        assertThat(third.consumers()).extracting(Consumer::consumerName).containsExactly("e");
        assertThat(third.nextToken()).isNull();
        assertThat(kinesis
                        .listStreamConsumersPaginator(
                                r -> r.streamARN(streamArn).maxResults(1))
                        .stream()
                        .flatMap(page -> page.consumers().stream())
                        .map(Consumer::consumerName))
                .containsExactly("a", "b", "c", "d", "e");

        Instant created = kinesis.describeStreamSummary(r -> r.streamName(stream))
                .streamDescriptionSummary()
                .streamCreationTimestamp();
        assertThat(kinesis.listStreamConsumers(r -> r.streamARN(streamArn).streamCreationTimestamp(created))
                        .consumers())
                .hasSize(5);
        assertThatThrownBy(() -> kinesis.listStreamConsumers(
                        r -> r.streamARN(streamArn).streamCreationTimestamp(created.minusSeconds(3600))))
                .isInstanceOf(ResourceNotFoundException.class);
        String otherStreamArn = streamArn(kinesis, activeStream(kinesis, 1));
        assertThatThrownBy(() -> kinesis.listStreamConsumers(
                        r -> r.streamARN(otherStreamArn).nextToken(first.nextToken())))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid NextToken.");
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void consumersGoWithTheirStream(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = activeStream(kinesis, 1);
        String consumer = activeConsumer(kinesis, streamArn(kinesis, stream), "short-lived");

        assertThatThrownBy(() -> kinesis.deleteStream(r -> r.streamName(stream)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("has registered consumers");
        kinesis.deleteStream(r -> r.streamName(stream).enforceConsumerDeletion(true));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThatThrownBy(() -> kinesis.describeStream(r -> r.streamName(stream)))
                        .isInstanceOf(ResourceNotFoundException.class));
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        awaitActive(kinesis, stream);

        assertThat(kinesis.listStreamConsumers(r -> r.streamARN(streamArn(kinesis, stream)))
                        .consumers())
                .isEmpty();
        assertThatThrownBy(() -> kinesis.describeStreamConsumer(r -> r.consumerARN(consumer)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void badRequestsGetAwsErrorsAndWording(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = activeStream(kinesis, 1);
        String streamArn = streamArn(kinesis, stream);

        assertThatThrownBy(() -> kinesis.registerStreamConsumer(
                        r -> r.streamARN(streamArn).consumerName("bad name")))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo(
                                        "1 validation error detected: Value 'bad name' at 'consumerName' failed to satisfy "
                                                + "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"));
        assertThatThrownBy(() -> kinesis.registerStreamConsumer(
                        r -> r.streamARN(streamArn).consumerName("x".repeat(129))))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> kinesis.registerStreamConsumer(
                        r -> r.streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/no-such-stream")
                                .consumerName("c")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Stream no-such-stream under account 000000000000 not found.");
        assertThatThrownBy(() -> kinesis.describeStreamConsumer(
                        r -> r.streamARN(streamArn).consumerName("nobody")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith(
                        "Consumer nobody under stream " + stream + " under account 000000000000 not found.");
        assertThatThrownBy(() -> kinesis.describeStreamConsumer(r -> r.consumerName("nobody")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(
                        "ConsumerARN or both ConsumerName and StreamARN are required for this request.");
        assertThatThrownBy(() -> kinesis.deregisterStreamConsumer(r -> r.consumerARN(streamArn)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .startsWith("1 validation error detected: Value '" + streamArn
                                        + "' at 'consumerARN' failed to satisfy constraint"));
        assertThatThrownBy(() ->
                        kinesis.listStreamConsumers(r -> r.streamARN(streamArn).maxResults(0)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));

        // Only an ACTIVE consumer can be deregistered. CREATING lasts 100 ms in this context, too short to catch on
        // a noisy machine, so the consumer is put back into CREATING in the database.
        String young = activeConsumer(kinesis, streamArn, "young");
        jdbc.update(
                "update streams.consumer set status = 'CREATING' where name = 'young' and stream_id = "
                        + "(select id from streams.stream where name = ?)",
                stream);
        assertThatThrownBy(() -> kinesis.deregisterStreamConsumer(r -> r.consumerARN(young)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("is not in ACTIVE status.");
        assertThat(statusOrGone(kinesis, young)).isEqualTo("CREATING");
    }

    private static String statusOrGone(KinesisClient kinesis, String consumerArn) {
        try {
            return kinesis.describeStreamConsumer(r -> r.consumerARN(consumerArn))
                    .consumerDescription()
                    .consumerStatusAsString();
        } catch (ResourceNotFoundException gone) {
            return "gone";
        }
    }

    private static String streamArn(KinesisClient kinesis, String stream) {
        return kinesis.describeStreamSummary(r -> r.streamName(stream))
                .streamDescriptionSummary()
                .streamARN();
    }

    private static int consumerCount(KinesisClient kinesis, String stream) {
        return kinesis.describeStreamSummary(r -> r.streamName(stream))
                .streamDescriptionSummary()
                .consumerCount();
    }

    private static String activeConsumer(KinesisClient kinesis, String streamArn, String name) {
        String arn = kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName(name))
                .consumer()
                .consumerARN();
        await().atMost(WAIT)
                .until(() -> kinesis.describeStreamConsumer(r -> r.consumerARN(arn))
                                .consumerDescription()
                                .consumerStatus()
                        == ConsumerStatus.ACTIVE);
        return arn;
    }
}
