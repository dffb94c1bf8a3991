package dev.shardline.firehose.processing;

import dev.shardline.firehose.FirehoseProperties;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamStatus;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Processing;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.destination.s3.S3Destination;
import dev.shardline.firehose.destination.s3.S3Target;
import dev.shardline.firehose.outbound.OutboundHosts;
import dev.shardline.firehose.pipeline.BufferedRecord;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fixtures for running processors without a Spring context: streams, records, a chain with short timeouts. */
final class Processors {

    static final Instant ARRIVAL = Instant.parse("2026-11-26T01:02:03.456Z");

    private Processors() {}

    static ProcessorChain chain(Map<String, URI> functions, Duration invocationTimeout) {
        FirehoseProperties.Lambda lambda = new FirehoseProperties.Lambda(
                functions, Duration.ofSeconds(2), invocationTimeout, Duration.ofMillis(10));
        return new ProcessorChain(
                new LambdaInvoker(lambda, OutboundHosts.anyButMetadata()), new LambdaFunctions(lambda));
    }

    static ProcessorChain chain() {
        return chain(Map.of(), Duration.ofSeconds(10));
    }

    static Processing.Processor processor(String type, String... nameValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.put(nameValues[i], nameValues[i + 1]);
        }
        return new Processing.Processor(type, parameters);
    }

    static DeliveryStreamView stream(Processing.Processor... processors) {
        S3Destination plain = S3Destination.of(
                new S3Target("arn:aws:iam::000000000000:role/firehose", "arn:aws:s3:::bucket", "", "", null, null));
        S3Destination destination = new S3Destination(
                plain.roleArn(),
                plain.bucketArn(),
                plain.prefix(),
                plain.errorOutputPrefix(),
                plain.buffering(),
                plain.compression(),
                null,
                null,
                new Processing(true, List.of(processors)),
                false,
                "Disabled",
                null);
        return new DeliveryStreamView(
                UUID.fromString("00000000-0000-0000-0000-000000000042"),
                new DeliveryStreamRef("000000000000", "us-east-1", "processed"),
                DeliveryStreamStatus.ACTIVE,
                "DirectPut",
                1,
                "topic",
                ARRIVAL,
                ARRIVAL,
                new Source.DirectPut(),
                destination);
    }

    static List<BufferedRecord> records(String... data) {
        List<BufferedRecord> records = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            records.add(record(i, data[i].getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    static BufferedRecord record(long offset, byte[] data) {
        return new BufferedRecord(0, offset, ARRIVAL.plusMillis(offset), data, null);
    }

    static String utf8(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
