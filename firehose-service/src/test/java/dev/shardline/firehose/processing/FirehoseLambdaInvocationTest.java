package dev.shardline.firehose.processing;

import static dev.shardline.firehose.processing.Processors.chain;
import static dev.shardline.firehose.processing.Processors.processor;
import static dev.shardline.firehose.processing.Processors.records;
import static dev.shardline.firehose.processing.Processors.stream;
import static dev.shardline.firehose.processing.Processors.utf8;
import static dev.shardline.firehose.processing.TestFunction.base64;
import static dev.shardline.firehose.processing.TestFunction.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.BufferedRecord;
import dev.shardline.firehose.pipeline.PendingBatch;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import dev.shardline.firehose.pipeline.TestBatches;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Lambda processor against a real HTTP function: the event it sends, how each answer becomes delivered, dropped
 * or failed records with AWS's error codes, retries, and the split of a batch into invocations.
 */
class FirehoseLambdaInvocationTest {

    private TestFunction function;

    @AfterEach
    void stop() {
        if (function != null) {
            function.close();
        }
    }

    @Test
    void theEventCarriesEveryFirehoseMemberAndOkRecordsComeBackTransformed() {
        function = TestFunction.mapping(String::toUpperCase);
        DeliveryStreamView stream = stream(lambda(function.url()));
        PendingBatch batch = TestBatches.of(0, 0, records("one", "two"));

        ProcessedBatch processed = chain().process(stream, batch);

        assertThat(processed.failed()).isEmpty();
        assertThat(processed.delivered()).extracting(o -> utf8(o.data())).containsExactly("ONE", "TWO");
        assertThat(processed.delivered())
                .extracting(ProcessedBatch.Output::source)
                .containsExactlyElementsOf(batch.records());
        JsonNode event = function.events().get(0);
        assertThat(event.propertyNames())
                .containsExactlyInAnyOrder("invocationId", "deliveryStreamArn", "region", "records");
        assertThat(UUID.fromString(event.path("invocationId").asString())).isNotNull();
        assertThat(event.path("deliveryStreamArn").asString())
                .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/processed");
        assertThat(event.path("region").asString()).isEqualTo("us-east-1");
        JsonNode first = event.path("records").get(0);
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("recordId", "approximateArrivalTimestamp", "data");
        assertThat(first.path("recordId").asString())
                .isEqualTo(batch.records().get(0).recordId());
        assertThat(first.path("approximateArrivalTimestamp").isIntegralNumber()).isTrue();
        assertThat(first.path("approximateArrivalTimestamp").asLong()).isEqualTo(Processors.ARRIVAL.toEpochMilli());
        assertThat(first.path("data").asString()).isEqualTo(base64("one"));
        assertThat(event.path("records").get(1).path("recordId").asString())
                .isEqualTo(batch.records().get(1).recordId());
    }

    @Test
    void recordsOfAKinesisSourceCarryTheirKinesisRecordMetadata() {
        function = TestFunction.mapping(s -> s);
        Instant arrival = Instant.parse("2026-11-26T00:00:01.250Z");
        BufferedRecord kinesis = new BufferedRecord(
                3,
                7,
                arrival,
                "k".getBytes(),
                new BufferedRecord.KinesisMetadata(
                        "shardId-000000000003",
                        "pk-1",
                        "49590338271490256608559692538361571095921575989136588898",
                        0,
                        arrival));

        chain().process(stream(lambda(function.url())), TestBatches.of(3, 7, List.of(kinesis)));

        JsonNode metadata = function.events().get(0).path("records").get(0).path("kinesisRecordMetadata");
        assertThat(metadata.propertyNames())
                .containsExactlyInAnyOrder(
                        "shardId",
                        "partitionKey",
                        "approximateArrivalTimestamp",
                        "sequenceNumber",
                        "subsequenceNumber");
        assertThat(metadata.path("shardId").asString()).isEqualTo("shardId-000000000003");
        assertThat(metadata.path("partitionKey").asString()).isEqualTo("pk-1");
        assertThat(metadata.path("sequenceNumber").asString())
                .isEqualTo("49590338271490256608559692538361571095921575989136588898");
        assertThat(metadata.path("subsequenceNumber").asLong()).isZero();
        assertThat(metadata.path("approximateArrivalTimestamp").asLong()).isEqualTo(arrival.toEpochMilli());
    }

    @Test
    void droppedRecordsVanishAndProcessingFailedOnesGoToTheErrorOutput() {
        function = TestFunction.start(event -> {
            JsonNode r = event.path("records");
            return TestFunction.Reply.ok(Map.of(
                    "records",
                    List.of(
                            record(r.get(0).path("recordId").asString(), "Ok", "kept"),
                            record(r.get(1).path("recordId").asString(), "Dropped", ""),
                            record(r.get(2).path("recordId").asString(), "ProcessingFailed", "x"))));
        });
        PendingBatch batch = TestBatches.of(0, 0, records("a", "b", "c"));

        ProcessedBatch processed = chain().process(stream(lambda(function.url())), batch);

        assertThat(processed.delivered()).extracting(o -> utf8(o.data())).containsExactly("kept");
        assertThat(processed.failed())
                .extracting(ProcessedBatch.Failed::source, ProcessedBatch.Failed::errorOutputType, f -> f.errorCode())
                .containsExactly(tuple(batch.records().get(2), "processing-failed", "Lambda.ProcessingFailedStatus"));
    }

    @Test
    void partitionKeysInTheResponseMetadataGoToTheOutput() {
        function = TestFunction.start(event -> {
            String id = event.path("records").get(0).path("recordId").asString();
            return TestFunction.Reply.ok(Map.of(
                    "records",
                    List.of(Map.of(
                            "recordId",
                            id,
                            "result",
                            "Ok",
                            "data",
                            base64("x"),
                            "metadata",
                            Map.of("partitionKeys", Map.of("customer", "42", "year", "2026"))))));
        });

        ProcessedBatch processed = chain().process(stream(lambda(function.url())), TestBatches.of(0, 0, records("x")));

        assertThat(processed.delivered().get(0).partitionKeys())
                .containsExactlyInAnyOrderEntriesOf(Map.of("customer", "42", "year", "2026"));
    }

    @Test
    void recordsTheResponseDoesNotAccountForProperlyFailWithAwsCodes() {
        function = TestFunction.start(event -> {
            JsonNode r = event.path("records");
            String a = r.get(0).path("recordId").asString();
            String b = r.get(1).path("recordId").asString();
            String c = r.get(2).path("recordId").asString();
            return TestFunction.Reply.ok(Map.of(
                    "records",
                    List.of(
                            record(a, "Ok", "a1"),
                            record(a, "Ok", "a2"),
                            record("not-sent", "Ok", "?"),
                            record(c, "Fine", "c"),
                            // b is missing; d is fine
                            record(r.get(3).path("recordId").asString(), "Ok", "d"))));
        });
        PendingBatch batch = TestBatches.of(0, 0, records("a", "b", "c", "d"));

        ProcessedBatch processed = chain().process(stream(lambda(function.url())), batch);

        assertThat(processed.delivered()).extracting(o -> utf8(o.data())).containsExactly("d");
        assertThat(processed.failed())
                .extracting(f -> utf8(f.source().data()), ProcessedBatch.Failed::errorCode)
                .containsExactly(
                        tuple("a", "Lambda.DuplicatedRecordId"),
                        tuple("b", "Lambda.MissingRecordId"),
                        tuple("c", "Lambda.FunctionError"));
        assertThat(processed.failed())
                .allSatisfy(f -> assertThat(f.errorOutputType()).isEqualTo("processing-failed"));
        assertThat(processed.failed().get(1).errorMessage())
                .isEqualTo("One or more record Ids were not returned. Ensure that the Lambda function returns all"
                        + " received record Ids.");
    }

    @Test
    void aFailingFunctionIsRetriedNumberOfRetriesTimesThenItsRecordsFail() {
        function = TestFunction.start(event -> new TestFunction.Reply(500, "{\"errorMessage\":\"boom\"}"));

        ProcessedBatch processed = chain().process(
                        stream(lambda(function.url(), "NumberOfRetries", "2")),
                        TestBatches.of(0, 0, records("a", "b")));

        assertThat(function.invocations()).isEqualTo(3);
        assertThat(processed.delivered()).isEmpty();
        assertThat(processed.failed())
                .extracting(ProcessedBatch.Failed::errorOutputType, ProcessedBatch.Failed::errorCode)
                .containsOnly(tuple("processing-failed", "Lambda.FunctionError"));
        assertThat(processed.failed()).hasSize(2);
        // Every attempt is the same invocation of the same batch.
        assertThat(function.events())
                .extracting(e -> e.path("invocationId").asString())
                .containsOnly(function.events().get(0).path("invocationId").asString());
    }

    @Test
    void anInvocationThatSucceedsOnARetryDeliversItsRecords() {
        AtomicInteger calls = new AtomicInteger();
        function = TestFunction.start(event -> calls.incrementAndGet() < 3
                ? new TestFunction.Reply(503, "")
                : TestFunction.Reply.ok(TestFunction.okAll(event, s -> s + "!")));

        ProcessedBatch processed = chain().process(stream(lambda(function.url())), TestBatches.of(0, 0, records("a")));

        assertThat(function.invocations()).isEqualTo(3);
        assertThat(processed.failed()).isEmpty();
        assertThat(processed.delivered()).extracting(o -> utf8(o.data())).containsExactly("a!");
    }

    @Test
    void aResponseThatIsNotTheStatusModelIsRetriedThenAJsonProcessingException() {
        function = TestFunction.start(event -> new TestFunction.Reply(200, "not json"));

        ProcessedBatch processed = chain().process(
                        stream(lambda(function.url(), "NumberOfRetries", "1")), TestBatches.of(0, 0, records("a")));

        assertThat(function.invocations()).isEqualTo(2);
        assertThat(processed.failed())
                .extracting(ProcessedBatch.Failed::errorCode)
                .containsExactly("Lambda.JsonProcessingException");
    }

    @Test
    void aFunctionSlowerThanTheInvocationTimeoutFails() throws InterruptedException {
        // The function answers only once the test has its result: always later than the 200 ms invocation timeout.
        CountDownLatch processedAlready = new CountDownLatch(1);
        function = TestFunction.start(event -> {
            processedAlready.await(30, TimeUnit.SECONDS);
            return TestFunction.Reply.ok(TestFunction.okAll(event, s -> s));
        });

        ProcessedBatch processed = chain(Map.of(), Duration.ofMillis(200))
                .process(stream(lambda(function.url(), "NumberOfRetries", "0")), TestBatches.of(0, 0, records("a")));
        processedAlready.countDown();

        assertThat(processed.delivered()).isEmpty();
        assertThat(processed.failed())
                .extracting(ProcessedBatch.Failed::errorCode)
                .containsExactly("Lambda.FunctionError");
        assertThat(processed.failed().get(0).errorMessage()).contains("did not answer within");
    }

    @Test
    void aResponseOverLambdasPayloadLimitFailsItsRecordsWithoutRetries() {
        String huge = "x".repeat(5 * 1024 * 1024); // 5 MiB of data is over 6 MB once base64-encoded
        function = TestFunction.mapping(s -> huge);

        ProcessedBatch processed = chain().process(stream(lambda(function.url())), TestBatches.of(0, 0, records("a")));

        assertThat(function.invocations()).isEqualTo(1);
        assertThat(processed.delivered()).isEmpty();
        assertThat(processed.failed())
                .extracting(ProcessedBatch.Failed::errorCode)
                .containsExactly("Lambda.FunctionError");
        assertThat(processed.failed().get(0).errorMessage()).contains("payload limit");
    }

    @Test
    void accessDeniedIsNotRetried() {
        function = TestFunction.start(event -> new TestFunction.Reply(403, "{}"));

        ProcessedBatch processed = chain().process(stream(lambda(function.url())), TestBatches.of(0, 0, records("a")));

        assertThat(function.invocations()).isEqualTo(1);
        assertThat(processed.failed())
                .extracting(ProcessedBatch.Failed::errorCode)
                .containsExactly("Lambda.InvokeAccessDenied");
    }

    @Test
    void aBatchIsSplitIntoInvocationsOfAtMostBufferSizeInMBs() {
        function = TestFunction.mapping(s -> s);
        String[] data = new String[10];
        for (int i = 0; i < data.length; i++) {
            char[] chars = new char[50 * 1024];
            Arrays.fill(chars, (char) ('a' + i));
            data[i] = new String(chars);
        }

        ProcessedBatch processed = chain().process(
                        stream(lambda(function.url(), "BufferSizeInMBs", "0.2")), TestBatches.of(0, 0, records(data)));

        // 0.2 MB is 209,715 bytes: four 50 KiB records fit in one invocation, a fifth does not.
        assertThat(function.events()).extracting(e -> e.path("records").size()).containsExactly(4, 4, 2);
        for (JsonNode event : function.events()) {
            long bytes = 0;
            for (JsonNode record : event.path("records")) {
                bytes += TestFunction.data(record).length();
            }
            assertThat(bytes).isLessThanOrEqualTo((long) (0.2 * 1024 * 1024));
        }
        assertThat(function.events())
                .extracting(e -> e.path("invocationId").asString())
                .doesNotHaveDuplicates();
        assertThat(processed.delivered()).extracting(o -> utf8(o.data())).containsExactly(data);
    }

    @Test
    void theSameBatchIsTheSameInvocationWhenDeliveredAgain() {
        function = TestFunction.mapping(s -> s);
        DeliveryStreamView stream = stream(lambda(function.url()));

        chain().process(stream, TestBatches.of(0, 5, records("a")));
        chain().process(stream, TestBatches.of(0, 5, records("a")));
        chain().process(stream, TestBatches.of(0, 6, records("a")));

        List<String> ids = new ArrayList<>();
        function.events().forEach(e -> ids.add(e.path("invocationId").asString()));
        assertThat(ids.get(0)).isEqualTo(ids.get(1)).isNotEqualTo(ids.get(2));
    }

    @Test
    void aLambdaArnIsCalledAtItsConfiguredUrlAndAnUnknownOneFails() {
        function = TestFunction.mapping(s -> "via-arn:" + s);
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:upper";

        ProcessedBatch mapped = chain(Map.of(arn, function.url()), Duration.ofSeconds(5))
                .process(stream(processor("Lambda", "LambdaArn", arn)), TestBatches.of(0, 0, records("a")));
        ProcessedBatch unknown =
                chain().process(stream(processor("Lambda", "LambdaArn", arn)), TestBatches.of(0, 0, records("a")));

        assertThat(mapped.delivered()).extracting(o -> utf8(o.data())).containsExactly("via-arn:a");
        assertThat(unknown.delivered()).isEmpty();
        assertThat(unknown.failed())
                .extracting(ProcessedBatch.Failed::errorCode)
                .containsExactly("Lambda.ResourceNotFound");
        assertThat(function.invocations()).isEqualTo(1);
    }

    private static dev.shardline.firehose.delivery.Processing.Processor lambda(URI url, String... more) {
        String[] parameters = new String[more.length + 2];
        parameters[0] = "LambdaArn";
        parameters[1] = url.toString();
        System.arraycopy(more, 0, parameters, 2, more.length);
        return processor("Lambda", parameters);
    }
}
