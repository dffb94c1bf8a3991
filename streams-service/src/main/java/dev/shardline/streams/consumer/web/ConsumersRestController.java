package dev.shardline.streams.consumer.web;

import dev.shardline.kinesis.StreamName;
import dev.shardline.platform.aws.RestCaller;
import dev.shardline.streams.consumer.ConsumerService;
import dev.shardline.streams.consumer.ConsumerView;
import dev.shardline.streams.stream.StreamRef;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A stream's enhanced fan-out consumers, for people; register them with the AWS API or CLI. */
@RestController
@RequestMapping("/v1/streams")
@Tag(name = "Consumers", description = "Enhanced fan-out consumers of a stream")
class ConsumersRestController {

    /** AWS allows 20 consumers per stream, so one page holds them all. */
    private static final int ALL = 20;

    private final ConsumerService consumers;
    private final RestCaller caller;

    ConsumersRestController(ConsumerService consumers, RestCaller caller) {
        this.consumers = consumers;
        this.caller = caller;
    }

    @GetMapping("/{name}/consumers")
    @Operation(summary = "List a stream's consumers", description = "In name order, with their status and ARN.")
    ConsumerList list(@PathVariable String name) {
        StreamRef ref = new StreamRef(caller.accountId(), caller.region(), new StreamName(name).value());
        return new ConsumerList(consumers.list(ref, null, null, ALL).consumers().stream()
                .map(Consumer::of)
                .toList());
    }

    record Consumer(String name, String arn, String status, Instant createdAt) {

        static Consumer of(ConsumerView view) {
            return new Consumer(
                    view.name(), view.arn().toString(), view.status().name(), view.createdAt());
        }
    }

    record ConsumerList(List<Consumer> consumers) {}
}
