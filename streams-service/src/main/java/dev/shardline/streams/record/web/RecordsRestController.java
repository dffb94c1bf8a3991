package dev.shardline.streams.record.web;

import dev.shardline.kinesis.StreamName;
import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.record.IteratorType;
import dev.shardline.streams.record.PutEntry;
import dev.shardline.streams.record.PutOutcome;
import dev.shardline.streams.record.RecordBatch;
import dev.shardline.streams.record.RecordReader;
import dev.shardline.streams.record.RecordWriter;
import dev.shardline.streams.record.ShardIteratorService;
import dev.shardline.streams.record.web.RecordRestShapes.*;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Records of a stream over REST: put them, and read a shard from a position or on from a previous page. */
@RestController
@RequestMapping("/v1/streams")
@Tag(name = "Records", description = "Put records into a stream and read them from its shards")
class RecordsRestController {

    private final RecordWriter writer;
    private final RecordReader reader;
    private final ShardIteratorService iterators;
    private final RestCaller caller;

    RecordsRestController(RecordWriter writer, RecordReader reader, ShardIteratorService iterators, RestCaller caller) {
        this.writer = writer;
        this.reader = reader;
        this.iterators = iterators;
        this.caller = caller;
    }

    @PostMapping("/{name}/records")
    @Operation(summary = "Put records", description = "Each record is routed to a shard by its partition key.")
    PutResults put(@PathVariable String name, @RequestBody PutRecords request) {
        StreamRef ref = validRef(name);
        Validation v = Validation.of();
        if (v.required("records", request.records())) {
            v.size("records", request.records(), 1, 500).noNullElements("records", request.records());
        }
        v.throwIfInvalid();
        List<PutOutcome> outcomes = writer.putAll(
                ref,
                maxRecordBytes -> request.records().stream()
                        .map(record -> entry(record, maxRecordBytes))
                        .toList());
        return new PutResults(
                (int) outcomes.stream().filter(PutOutcome::isFailure).count(),
                outcomes.stream()
                        .map(o -> new PutResult(o.shardId(), o.sequenceNumber(), o.errorCode(), o.errorMessage()))
                        .toList());
    }

    @GetMapping("/{name}/shards/{shardId}/records")
    @Operation(
            summary = "Read records from a shard",
            description = "Start at a position (TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, "
                    + "AT_TIMESTAMP), or go on from a previous page with 'iterator'.")
    ReadResult read(
            @PathVariable String name,
            @PathVariable String shardId,
            @RequestParam(defaultValue = "TRIM_HORIZON") String from,
            @RequestParam(required = false) String sequenceNumber,
            @Parameter(description = "ISO-8601 time, for AT_TIMESTAMP") @RequestParam(required = false)
                    Instant timestamp,
            @RequestParam(required = false) String iterator,
            @RequestParam(defaultValue = "100") int limit) {
        Validation v = Validation.of();
        v.range("limit", limit, 1, 10_000);
        v.oneOf(
                "from",
                from,
                List.of("TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "AT_TIMESTAMP"));
        v.pattern("sequenceNumber", sequenceNumber, StreamConstraints.SEQUENCE_NUMBER);
        v.throwIfInvalid();
        String start = iterator != null
                ? iterator
                : iterators.shardIterator(
                        validRef(name), shardId, IteratorType.valueOf(from), sequenceNumber, timestamp);
        RecordBatch batch = reader.records(start, limit);
        return new ReadResult(
                batch.records().stream()
                        .map(r -> new ReadRecord(
                                r.sequenceNumber(),
                                r.approximateArrivalTimestamp(),
                                r.partitionKey(),
                                textOrNull(r.data()),
                                Base64.getEncoder().encodeToString(r.data())))
                        .toList(),
                batch.nextShardIterator(),
                batch.millisBehindLatest());
    }

    private static PutEntry entry(NewRecord record, int maxRecordBytes) {
        Validation v = Validation.of();
        if (v.required("partitionKey", record.partitionKey())) {
            v.length("partitionKey", record.partitionKey(), 1, 256);
        }
        v.pattern("explicitHashKey", record.explicitHashKey(), StreamConstraints.HASH_KEY);
        v.throwIfInvalid();
        byte[] data;
        if (record.dataBase64() != null) {
            try {
                data = Base64.getDecoder().decode(record.dataBase64());
            } catch (IllegalArgumentException e) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("dataBase64 is not valid base64.");
            }
        } else {
            data = record.text() == null ? new byte[0] : record.text().getBytes(StandardCharsets.UTF_8);
        }
        if (data.length + record.partitionKey().length() > maxRecordBytes) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "A record (data plus partition key) may be at most " + maxRecordBytes + " bytes in this stream.");
        }
        BigInteger hashKey = record.explicitHashKey() == null ? null : new BigInteger(record.explicitHashKey());
        if (hashKey != null && hashKey.bitLength() > 128) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("explicitHashKey must be in the range [0, 2^128-1].");
        }
        return new PutEntry(data, record.partitionKey(), hashKey);
    }

    private static String textOrNull(byte[] data) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException binary) {
            return null;
        }
    }

    private StreamRef validRef(String name) {
        return new StreamRef(caller.accountId(), caller.region(), new StreamName(name).value());
    }
}
