package dev.shardline.streams.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.shardline.platform.aws.AwsWireFormat;
import dev.shardline.streams.StreamsIntegrationTest;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Subscriber;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.*;
import software.amazon.awssdk.services.kinesis.model.Record;
import tools.jackson.databind.JsonNode;

/**
 * SubscribeToShard through the official KinesisAsyncClient: HTTP/2 with prior knowledge on the plain port and the
 * application/vnd.amazon.eventstream framing. The SDK sends SubscribeToShard in JSON whatever aws.cborEnabled says (its
 * client keeps a JSON protocol factory for this one operation), while its other calls here follow the setting; CBOR
 * event payloads are checked on the raw wire.
 */
class SubscribeToShardTest extends StreamsIntegrationTest {

    private static final String SHARD = "shardId-000000000000";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Map<Boolean, KinesisAsyncClient> clients = new HashMap<>();

    @AfterEach
    void closeClients() {
        clients.values().forEach(KinesisAsyncClient::close);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void recordsPutAfterSubscribingArriveInOrderWithTheirKeysAndSequenceNumbers(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = activeStream(kinesis, 1);
        String consumer = activeConsumer(kinesis, stream, "reader");
        Subscription subscription = subscribe(cbor, consumer, SHARD, p -> p.type(ShardIteratorType.LATEST));
        subscription.awaitResponse();

        List<PutRecordResponse> puts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            puts.add(kinesis.putRecord(
                    r -> r.streamName(stream).partitionKey("key-" + n).data(SdkBytes.fromUtf8String("record-" + n))));
        }

        await().atMost(WAIT).until(() -> subscription.records().size() >= 20);
        List<Record> records = subscription.records();
        assertThat(records).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(records.get(i).data().asUtf8String()).isEqualTo("record-" + i);
            assertThat(records.get(i).partitionKey()).isEqualTo("key-" + i);
            assertThat(records.get(i).sequenceNumber()).isEqualTo(puts.get(i).sequenceNumber());
            assertThat(records.get(i).approximateArrivalTimestamp())
                    .isBetween(Instant.now().minusSeconds(60), Instant.now());
        }
        SubscribeToShardEvent last = subscription.lastEventWithRecords();
        assertThat(last.continuationSequenceNumber()).isEqualTo(puts.get(19).sequenceNumber());
        assertThat(last.millisBehindLatest())
                .as("the event that carries the last record put is at the tip")
                .isZero();
        assertThat(subscription.error()).isNull();
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void aSubscriptionToASplitShardEndsWithItsChildShards(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = activeStream(kinesis, 1);
        String consumer = activeConsumer(kinesis, stream, "lineage");
        kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("before")));
        Subscription subscription = subscribe(cbor, consumer, SHARD, p -> p.type(ShardIteratorType.TRIM_HORIZON));
        subscription.awaitResponse();

        kinesis.splitShard(r -> r.streamName(stream)
                .shardToSplit(SHARD)
                .newStartingHashKey(java.math.BigInteger.TWO.pow(127).toString()));

        await().atMost(WAIT)
                .until(() -> subscription.events.stream().anyMatch(SubscribeToShardEvent::hasChildShards)
                        && !subscription.events.stream()
                                .filter(SubscribeToShardEvent::hasChildShards)
                                .findFirst()
                                .orElseThrow()
                                .childShards()
                                .isEmpty());
        SubscribeToShardEvent last = subscription.events.get(subscription.events.size() - 1);
        assertThat(last.childShards())
                .extracting(ChildShard::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(last.continuationSequenceNumber()).isNull();
        assertThat(subscription.records())
                .extracting(r -> r.data().asUtf8String())
                .containsExactly("before");
        assertThat(subscription.error()).isNull();
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void everyStartingPositionStartsWhereAwsStartsIt(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = activeStream(kinesis, 1);
        Instant beforeFirst = Instant.now().minusSeconds(1);
        List<String> sequenceNumbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            sequenceNumbers.add(kinesis.putRecord(
                            r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("r" + n)))
                    .sequenceNumber());
        }

        assertThat(firstRecords(cbor, kinesis, stream, "trim", p -> p.type(ShardIteratorType.TRIM_HORIZON), 5))
                .containsExactly("r0", "r1", "r2", "r3", "r4");
        assertThat(firstRecords(
                        cbor,
                        kinesis,
                        stream,
                        "at-seq",
                        p -> p.type(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(sequenceNumbers.get(2)),
                        3))
                .containsExactly("r2", "r3", "r4");
        assertThat(firstRecords(
                        cbor,
                        kinesis,
                        stream,
                        "after-seq",
                        p -> p.type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(sequenceNumbers.get(2)),
                        2))
                .containsExactly("r3", "r4");
        assertThat(firstRecords(
                        cbor,
                        kinesis,
                        stream,
                        "at-time",
                        p -> p.type(ShardIteratorType.AT_TIMESTAMP).timestamp(beforeFirst),
                        5))
                .containsExactly("r0", "r1", "r2", "r3", "r4");

        Subscription latest = subscribe(
                cbor, activeConsumer(kinesis, stream, "latest"), SHARD, p -> p.type(ShardIteratorType.LATEST));
        latest.awaitResponse();
        await().atMost(WAIT).until(() -> !latest.events().isEmpty());
        kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("r5")));
        await().atMost(WAIT).until(() -> !latest.records().isEmpty());
        assertThat(latest.records()).extracting(r -> r.data().asUtf8String()).containsExactly("r5");
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void theContinuationOfAnEmptyShardResumesAtItsFirstRecord(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = activeStream(kinesis, 1);
        Subscription empty = subscribe(
                cbor, activeConsumer(kinesis, stream, "first"), SHARD, p -> p.type(ShardIteratorType.TRIM_HORIZON));
        await().atMost(WAIT).until(() -> !empty.events().isEmpty());
        String continuation = empty.events().get(0).continuationSequenceNumber();
        assertThat(continuation).hasSize(56);

        kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("first")));

        assertThat(firstRecords(
                        cbor,
                        kinesis,
                        stream,
                        "resumed",
                        p -> p.type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(continuation),
                        1))
                .containsExactly("first");
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void aSecondSubscriptionOfTheSameConsumerAndShardIsResourceInUse(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = activeStream(kinesis, 2);
        String consumer = activeConsumer(kinesis, stream, "only-once");
        subscribe(cbor, consumer, SHARD, p -> p.type(ShardIteratorType.LATEST)).awaitResponse();

        Subscription second = subscribe(cbor, consumer, SHARD, p -> p.type(ShardIteratorType.LATEST));

        assertThat(second.awaitError())
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Another active subscription exists for this consumer: 000000000000:" + stream
                        + ":" + SHARD + ":only-once");
        // The same consumer on another shard is another subscription.
        subscribe(cbor, consumer, "shardId-000000000001", p -> p.type(ShardIteratorType.LATEST))
                .awaitResponse();
    }

    @Test
    void aBatchLargerThanOneEventArrivesWholeAndInOrderOverSeveralEvents() {
        KinesisClient kinesis = kinesis(false);
        String stream = activeStream(kinesis, 1);
        Subscription subscription =
                subscribe(false, activeConsumer(kinesis, stream, "bulk"), SHARD, p -> p.type(ShardIteratorType.LATEST));
        subscription.awaitResponse();
        byte[] payload = new byte[4096];
        for (int batch = 0; batch < 4; batch++) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                payload[0] = (byte) i;
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey(batch + "-" + i)
                        .data(SdkBytes.fromByteArray(payload))
                        .build());
            }
            assertThat(kinesis.putRecords(r -> r.streamName(stream).records(entries))
                            .failedRecordCount())
                    .isZero();
        }

        await().atMost(WAIT).until(() -> subscription.records().size() >= 1000);
        assertThat(subscription.records())
                .extracting(Record::partitionKey)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 1000)
                        .mapToObj(n -> n / 250 + "-" + n % 250)
                        .toList());
        assertThat(subscription.events().stream().filter(e -> !e.records().isEmpty()))
                .as("events of at most 1 MiB")
                .hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void aSubscriptionWhoseClientHasGoneFreesItsShardForTheNext() {
        KinesisClient kinesis = kinesis(false);
        String consumer = activeConsumer(kinesis, activeStream(kinesis, 1), "flaky");
        Subscription first = subscribe(false, consumer, SHARD, p -> p.type(ShardIteratorType.LATEST));
        await().atMost(WAIT).until(() -> first.stream.get() != null);

        first.stream.get().cancel();

        // The server notices at its next heartbeat at the latest, and lets the next subscription in.
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> subscribe(false, consumer, SHARD, p -> p.type(ShardIteratorType.LATEST))
                        .awaitResponse());
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void unknownConsumersAndShardsAreResourceNotFound(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = activeStream(kinesis, 1);
        String consumer = activeConsumer(kinesis, stream, "c");
        String unknown = "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream + "/consumer/nobody:1700000000";

        assertThat(subscribe(cbor, unknown, SHARD, p -> p.type(ShardIteratorType.LATEST))
                        .awaitError())
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Consumer " + unknown + " not found.");
        assertThat(subscribe(cbor, consumer, "shardId-000000000009", p -> p.type(ShardIteratorType.LATEST))
                        .awaitError())
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Shard shardId-000000000009 in stream " + stream
                        + " under account 000000000000 does not exist");
        assertThat(subscribe(cbor, consumer, SHARD, p -> p.type(ShardIteratorType.AT_SEQUENCE_NUMBER))
                        .awaitError())
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aCborRequestGetsCborEventsInTheEventStreamFraming() {
        KinesisClient kinesis = kinesis(true);
        String stream = activeStream(kinesis, 1);
        String consumer = activeConsumer(kinesis, stream, "raw");
        PutRecordResponse put = kinesis.putRecord(r -> r.streamName(stream)
                .partitionKey("pk")
                .data(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 0xff})));
        byte[] body = AwsWireFormat.CBOR
                .mapper()
                .writeValueAsBytes(Map.of(
                        "ConsumerARN", consumer, "ShardId", SHARD, "StartingPosition", Map.of("Type", "TRIM_HORIZON")));

        List<Message> messages = assertTimeoutPreemptively(WAIT, () -> {
            HttpResponse<InputStream> response = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(endpoint())
                                    .header("Content-Type", "application/x-amz-cbor-1.1")
                                    .header("X-Amz-Target", "Kinesis_20131202.SubscribeToShard")
                                    .header(
                                            "Authorization",
                                            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/kinesis/"
                                                    + "aws4_request, SignedHeaders=host, Signature=0")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.amazon.eventstream");
            List<Message> decoded = new ArrayList<>();
            MessageDecoder decoder = new MessageDecoder(decoded::add);
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[8192];
                while (decoded.size() < 2) {
                    int read = in.read(buffer);
                    assertThat(read).as("bytes before the end of the stream").isPositive();
                    decoder.feed(buffer, 0, read);
                }
            }
            return decoded;
        });

        assertThat(headers(messages.get(0)))
                .containsEntry(":message-type", "event")
                .containsEntry(":event-type", "initial-response")
                .containsEntry(":content-type", "application/x-amz-cbor-1.1");
        assertThat(headers(messages.get(1)))
                .containsEntry(":message-type", "event")
                .containsEntry(":event-type", "SubscribeToShardEvent")
                .containsEntry(":content-type", "application/x-amz-cbor-1.1");
        JsonNode event = AwsWireFormat.CBOR.mapper().readTree(messages.get(1).getPayload());
        JsonNode record = event.get("Records").get(0);
        assertThat(record.get("Data").binaryValue()).containsExactly(0, 1, 2, 0xff);
        assertThat(record.get("PartitionKey").asString()).isEqualTo("pk");
        assertThat(record.get("SequenceNumber").asString()).isEqualTo(put.sequenceNumber());
        assertThat(event.get("ContinuationSequenceNumber").asString()).isEqualTo(put.sequenceNumber());
        assertThat(event.get("MillisBehindLatest").isIntegralNumber()).isTrue();
    }

    private static Map<String, String> headers(Message message) {
        Map<String, String> headers = new HashMap<>();
        message.getHeaders().forEach((name, value) -> headers.put(name, value.getString()));
        return headers;
    }

    private List<String> firstRecords(
            boolean cbor,
            KinesisClient kinesis,
            String stream,
            String consumerName,
            java.util.function.Consumer<StartingPosition.Builder> position,
            int count) {
        Subscription subscription = subscribe(cbor, activeConsumer(kinesis, stream, consumerName), SHARD, position);
        await().atMost(WAIT).until(() -> subscription.records().size() >= count);
        return subscription.records().stream().map(r -> r.data().asUtf8String()).toList();
    }

    private static String activeConsumer(KinesisClient kinesis, String stream, String name) {
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName(stream))
                .streamDescriptionSummary()
                .streamARN();
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

    private Subscription subscribe(
            boolean cbor,
            String consumerArn,
            String shardId,
            java.util.function.Consumer<StartingPosition.Builder> position) {
        Subscription subscription = new Subscription();
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .onResponse(subscription.response::complete)
                .onError(subscription.error::complete)
                .subscriber(() -> subscription)
                .build();
        asyncKinesis(cbor)
                .subscribeToShard(
                        r -> r.consumerARN(consumerArn).shardId(shardId).startingPosition(position), handler)
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        subscription.error.complete(error);
                    }
                });
        return subscription;
    }

    /** KinesisAsyncClient as KCL builds it: Netty, HTTP/2 (prior knowledge on http://), CBOR or JSON. */
    private KinesisAsyncClient asyncKinesis(boolean cbor) {
        return clients.computeIfAbsent(cbor, this::newAsyncKinesis);
    }

    private KinesisAsyncClient newAsyncKinesis(boolean cbor) {
        synchronized (StreamsIntegrationTest.class) {
            String key = SdkSystemSetting.CBOR_ENABLED.property();
            String previous = System.getProperty(key);
            System.setProperty(key, Boolean.toString(cbor));
            try {
                KinesisAsyncClient client = KinesisAsyncClient.builder()
                        .endpointOverride(endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
                        .build();
                return client;
            } finally {
                if (previous == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, previous);
                }
            }
        }
    }

    /** What one subscription has received so far. */
    private static final class Subscription implements Subscriber<SubscribeToShardEventStream> {
        final CompletableFuture<SubscribeToShardResponse> response = new CompletableFuture<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();
        final List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
        final AtomicReference<org.reactivestreams.Subscription> stream = new AtomicReference<>();

        @Override
        public void onSubscribe(org.reactivestreams.Subscription subscription) {
            stream.set(subscription);
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(SubscribeToShardEventStream event) {
            events.add((SubscribeToShardEvent) event);
        }

        @Override
        public void onError(Throwable failure) {
            error.complete(failure);
        }

        @Override
        public void onComplete() {}

        void awaitResponse() {
            response.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        }

        Throwable awaitError() {
            Throwable failure =
                    error.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
            return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
        }

        Throwable error() {
            return error.getNow(null);
        }

        List<SubscribeToShardEvent> events() {
            return events;
        }

        List<Record> records() {
            return events.stream().flatMap(e -> e.records().stream()).toList();
        }

        SubscribeToShardEvent lastEventWithRecords() {
            return events.stream()
                    .filter(e -> !e.records().isEmpty())
                    .reduce((a, b) -> b)
                    .orElseThrow();
        }
    }
}
