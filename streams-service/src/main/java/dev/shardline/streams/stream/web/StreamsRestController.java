package dev.shardline.streams.stream.web;

import dev.shardline.kinesis.StreamName;
import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.stream.StreamMode;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamService;
import dev.shardline.streams.stream.web.StreamRestShapes.*;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Kinesis Data Streams for people: the same application services as the AWS endpoint, as plain REST under
 * {@code /v1/streams}, documented in Swagger UI. Streams belong to the configured default account and region.
 */
@RestController
@RequestMapping("/v1/streams")
@Tag(name = "Streams", description = "Kinesis data streams, their shards and records")
class StreamsRestController {

    private final StreamService streams;
    private final RestCaller caller;

    StreamsRestController(StreamService streams, RestCaller caller) {
        this.streams = streams;
        this.caller = caller;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a stream", description = "The stream is CREATING at first and ACTIVE shortly after.")
    Stream create(@RequestBody CreateStream request) {
        StreamMode mode = parseMode(request.mode());
        Validation v = Validation.of();
        if (v.required("name", request.name())) {
            StreamName.check(v, "streamName", request.name());
        }
        if (mode == StreamMode.PROVISIONED && v.required("shardCount", request.shardCount())) {
            v.range("shardCount", request.shardCount(), 1, 100_000);
        }
        v.throwIfInvalid();
        int shardCount = request.shardCount() != null ? request.shardCount() : 4;
        return Stream.of(streams.create(ref(request.name()), shardCount, mode));
    }

    @GetMapping
    @Operation(summary = "List streams", description = "In name order, a page at a time.")
    StreamList list(
            @RequestParam(defaultValue = "100") int limit,
            @Parameter(description = "List streams whose names come after this one") @RequestParam(required = false)
                    String after) {
        Validation v = Validation.of();
        v.range("limit", limit, 1, 10_000).noNul("after", after).throwIfInvalid();
        StreamService.StreamPage page = streams.list(caller.accountId(), caller.region(), after, limit);
        return new StreamList(page.streams().stream().map(Stream::of).toList(), page.hasMore());
    }

    @GetMapping("/{name}")
    @Operation(summary = "Describe a stream and its shards")
    Stream describe(@PathVariable String name) {
        return Stream.of(streams.describe(validRef(name)));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Delete a stream", description = "The stream is DELETING, then gone with its records.")
    void delete(@PathVariable String name) {
        streams.delete(validRef(name));
    }

    private static StreamMode parseMode(String mode) {
        if (mode == null) {
            return StreamMode.PROVISIONED;
        }
        Validation.of().oneOf("mode", mode, List.of("PROVISIONED", "ON_DEMAND")).throwIfInvalid();
        return StreamMode.valueOf(mode);
    }

    private StreamRef validRef(String name) {
        return ref(new StreamName(name).value());
    }

    private StreamRef ref(String name) {
        return new StreamRef(caller.accountId(), caller.region(), name);
    }
}
