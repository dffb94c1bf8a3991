package dev.shardline.streams.console.web;

import dev.shardline.kinesis.StreamName;
import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.console.ConsoleOutcome;
import dev.shardline.platform.console.ConsolePage;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.record.IteratorType;
import dev.shardline.streams.record.PutEntry;
import dev.shardline.streams.record.PutOutcome;
import dev.shardline.streams.record.RecordBatch;
import dev.shardline.streams.record.RecordReader;
import dev.shardline.streams.record.RecordWriter;
import dev.shardline.streams.record.ShardIteratorService;
import dev.shardline.streams.record.StoredRecord;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Put a record and tail a shard from the console: PutRecord's and GetShardIterator/GetRecords' application services.
 * A tail is a poller element that carries the next shard iterator; each poll appends the records it got.
 */
@Controller
class StreamRecordsController implements ConsolePage {

    private static final int TAIL_BATCH = 50;

    private final RecordWriter writer;
    private final ShardIteratorService iterators;
    private final RecordReader reader;
    private final RestCaller caller;

    StreamRecordsController(
            RecordWriter writer, ShardIteratorService iterators, RecordReader reader, RestCaller caller) {
        this.writer = writer;
        this.iterators = iterators;
        this.reader = reader;
        this.caller = caller;
    }

    record TailedRecord(String sequenceNumber, String arrival, String partitionKey, String data, boolean base64) {}

    @PostMapping("/console/streams/{name}/records")
    String put(
            @PathVariable String name,
            @RequestParam String partitionKey,
            @RequestParam(defaultValue = "") String data,
            @RequestParam(required = false) String explicitHashKey,
            Model model,
            HttpServletResponse response) {
        return Forms.outcome(
                ConsoleOutcome.attempt(() -> {
                    if (partitionKey.isEmpty() || partitionKey.length() > 256) {
                        throw AwsErrorType.VALIDATION.exception("1 validation error detected: Value at 'partitionKey'"
                                + " failed to satisfy constraint: Member must have length between 1 and 256");
                    }
                    BigInteger hashKey = null;
                    if (explicitHashKey != null && !explicitHashKey.isBlank()) {
                        if (!StreamConstraints.HASH_KEY
                                .matcher(explicitHashKey.strip())
                                .matches()) {
                            throw AwsErrorType.VALIDATION.exception("1 validation error detected: Value '"
                                    + explicitHashKey + "' at 'explicitHashKey' failed to satisfy constraint: Member"
                                    + " must satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
                        }
                        hashKey = new BigInteger(explicitHashKey.strip());
                    }
                    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
                    BigInteger explicit = hashKey;
                    PutOutcome put = writer.put(ref(name), max -> {
                        if (bytes.length + partitionKey.getBytes(StandardCharsets.UTF_8).length > max) {
                            throw AwsErrorType.VALIDATION.exception("1 validation error detected: Value at 'data'"
                                    + " failed to satisfy constraint: Member must have length less than or equal to "
                                    + max);
                        }
                        return List.of(new PutEntry(bytes, partitionKey, explicit));
                    });
                    return "Put to " + put.shardId() + " at sequence number " + put.sequenceNumber() + ".";
                }),
                model,
                response);
    }

    /** Starts a tail: a fresh list and a poller holding the shard's first iterator. */
    @GetMapping("/console/streams/{name}/tail/start")
    String start(
            @PathVariable String name,
            @RequestParam String shardId,
            @RequestParam(defaultValue = "LATEST") String from,
            Model model) {
        model.addAttribute("name", name);
        model.addAttribute("shardId", shardId);
        try {
            IteratorType type = "TRIM_HORIZON".equals(from) ? IteratorType.TRIM_HORIZON : IteratorType.LATEST;
            model.addAttribute("iterator", iterators.shardIterator(ref(name), shardId, type, null, null));
        } catch (AwsException refused) {
            model.addAttribute(
                    "outcome",
                    new ConsoleOutcome(
                            false, refused.getMessage(), refused.errorType().type()));
        }
        model.addAttribute("records", List.of());
        model.addAttribute("fresh", true);
        return "console/streams/fragments :: tail";
    }

    @GetMapping("/console/streams/{name}/tail")
    String poll(@PathVariable String name, @RequestParam String shardId, @RequestParam String iterator, Model model) {
        model.addAttribute("name", name);
        model.addAttribute("shardId", shardId);
        model.addAttribute("fresh", false);
        try {
            RecordBatch batch = reader.records(iterator, TAIL_BATCH);
            model.addAttribute(
                    "records",
                    batch.records().stream()
                            .map(StreamRecordsController::tailed)
                            .toList());
            model.addAttribute("iterator", batch.nextShardIterator());
            model.addAttribute("behind", batch.millisBehindLatest());
        } catch (AwsException refused) {
            model.addAttribute("records", List.of());
            model.addAttribute(
                    "outcome",
                    new ConsoleOutcome(
                            false, refused.getMessage(), refused.errorType().type()));
            // throttled: keep polling with the same iterator
            if (refused.errorType() == AwsErrorType.PROVISIONED_THROUGHPUT_EXCEEDED) {
                model.addAttribute("iterator", iterator);
            }
        }
        return "console/streams/fragments :: tail";
    }

    @GetMapping("/console/streams/tail/stopped")
    String stopped() {
        return "console/streams/fragments :: stopped";
    }

    private static TailedRecord tailed(StoredRecord record) {
        String text;
        boolean base64 = false;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(record.data()))
                    .toString();
            if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
                throw new CharacterCodingException();
            }
        } catch (CharacterCodingException binary) {
            text = Base64.getEncoder().encodeToString(record.data());
            base64 = true;
        }
        return new TailedRecord(
                record.sequenceNumber(),
                record.approximateArrivalTimestamp().toString(),
                record.partitionKey(),
                text,
                base64);
    }

    private StreamRef ref(String name) {
        return new StreamRef(caller.accountId(), caller.region(), new StreamName(name).value());
    }
}
