package dev.shardline.firehose.ingest.web;

import dev.shardline.firehose.delivery.DeliveryStreamName;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.deliverystream.DeliveryStreamService;
import dev.shardline.firehose.ingest.RecordBuffer;
import dev.shardline.firehose.ingest.web.RecordsRestShapes.*;
import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.error.Validation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** PutRecordBatch for people: {@code POST /v1/delivery-streams/{name}/records}, beside the delivery streams' API. */
@RestController
@RequestMapping("/v1/delivery-streams")
@Tag(name = "Delivery streams", description = "Firehose delivery streams, their destinations and records")
class DeliveryStreamRecordsRestController {

    private final DeliveryStreamService streams;
    private final RecordBuffer buffer;
    private final RestCaller caller;

    DeliveryStreamRecordsRestController(DeliveryStreamService streams, RecordBuffer buffer, RestCaller caller) {
        this.streams = streams;
        this.buffer = buffer;
        this.caller = caller;
    }

    @PostMapping("/{name}/records")
    @Operation(
            summary = "Put records",
            description = "Each record is acknowledged once it is durably buffered; it reaches S3 when the buffer"
                    + " flushes. Records are concatenated as they are: add your own newline.")
    PutRecordsResult put(@PathVariable String name, @RequestBody PutRecords request) {
        Validation v = Validation.of();
        if (v.required("records", request.records())) {
            v.size("records", request.records(), 1, 500).noNullElements("records", request.records());
        }
        v.throwIfInvalid();
        DeliveryStreamRef ref = validRef(name);
        List<byte[]> data = new ArrayList<>();
        Validation sizes = Validation.of();
        for (int i = 0; i < request.records().size(); i++) {
            byte[] bytes = bytes(request.records().get(i), i);
            // The same limit as PutRecord and PutRecordBatch: a larger record could never be delivered.
            sizes.length("records." + (i + 1) + ".member.data", bytes, 0, FirehoseRecordActions.MAX_RECORD_BYTES);
            data.add(bytes);
        }
        sizes.throwIfInvalid();
        DeliveryStreamView stream = streams.acceptingRecords(ref);
        List<PutResult> results = buffer.putAll(stream, data).stream()
                .map(o -> new PutResult(o.recordId(), o.errorCode(), o.errorMessage()))
                .toList();
        int failed = (int) results.stream().filter(r -> r.recordId() == null).count();
        return new PutRecordsResult(failed, results);
    }

    private static byte[] bytes(NewRecord record, int index) {
        if (record.text() != null) {
            return record.text().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(record.data() == null ? "" : record.data());
        } catch (IllegalArgumentException e) {
            Validation.of()
                    .fail("records." + index + ".data", record.data(), "Member must be base64")
                    .throwIfInvalid();
            throw e;
        }
    }

    private DeliveryStreamRef validRef(String name) {
        return DeliveryStreamName.of(Validation.of(), "name", name).in(caller.accountId(), caller.region());
    }
}
