package dev.shardline.firehose.deliverystream.web;

import dev.shardline.firehose.delivery.DeliveryStreamName;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.deliverystream.DeliveryStreamService;
import dev.shardline.firehose.deliverystream.DeliveryStreamTags;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.FailureDescription;
import dev.shardline.firehose.deliverystream.web.RestShapes.*;
import dev.shardline.firehose.destination.s3.S3Constraints;
import dev.shardline.firehose.destination.s3.S3Destination;
import dev.shardline.firehose.destination.s3.S3Target;
import dev.shardline.firehose.pipeline.DeliveryError;
import dev.shardline.firehose.pipeline.DeliveryErrors;
import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.error.Validation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
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
 * Firehose for people: the same application services as the AWS endpoint, as plain REST under
 * {@code /v1/delivery-streams}, documented in Swagger UI. Delivery streams belong to the caller's account
 * ({@link RestCaller}).
 */
@RestController
@RequestMapping("/v1/delivery-streams")
@Tag(name = "Delivery streams", description = "Firehose delivery streams, their destinations and records")
class DeliveryStreamsRestController {

    private static final String ROLE_ARN = "arn:aws:iam::000000000000:role/shardline";

    private final DeliveryStreamService streams;
    private final DeliveryErrors errors;
    private final DeliveryStreamTags tags;
    private final RestCaller caller;

    DeliveryStreamsRestController(
            DeliveryStreamService streams, DeliveryErrors errors, DeliveryStreamTags tags, RestCaller caller) {
        this.streams = streams;
        this.errors = errors;
        this.tags = tags;
        this.caller = caller;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a DirectPut delivery stream into S3",
            description = "CREATING at first and ACTIVE shortly after. Buffering defaults are AWS's: 5 MiB or 300 s.")
    DeliveryStream create(@RequestBody CreateDeliveryStream request) {
        Validation v = Validation.of();
        DeliveryStreamName.check(v, "name", request.name());
        v.required("bucket", request.bucket());
        String bucket = request.bucket();
        String bucketArn =
                bucket == null || bucket.startsWith("arn:") ? bucket : S3Destination.BUCKET_ARN_PREFIX + bucket;
        // No API model checks this request: the S3 destination's member constraints are checked here.
        S3Constraints.checkMembers(
                v,
                "destination",
                ROLE_ARN,
                bucketArn,
                request.prefix(),
                null,
                request.bufferSizeMiB(),
                request.bufferIntervalSeconds(),
                request.compression());
        v.throwIfInvalid();
        S3Target destination = S3Constraints.s3(
                ROLE_ARN,
                bucketArn,
                request.prefix(),
                null,
                request.bufferSizeMiB(),
                request.bufferIntervalSeconds(),
                request.compression(),
                false);
        return DeliveryStream.of(
                streams.create(ref(request.name()), new Source.DirectPut(), S3Destination.of(destination)));
    }

    @GetMapping
    @Operation(summary = "List delivery streams", description = "In name order, a page at a time.")
    DeliveryStreamList list(
            @RequestParam(defaultValue = "100") int limit,
            @Parameter(description = "List delivery streams whose names come after this one")
                    @RequestParam(required = false)
                    String after) {
        Validation.of().range("limit", limit, 1, 10_000).noNul("after", after).throwIfInvalid();
        DeliveryStreamService.DeliveryStreamPage page = streams.list(caller.accountId(), caller.region(), after, limit);
        return new DeliveryStreamList(
                page.streams().stream().map(DeliveryStream::of).toList(), page.hasMore());
    }

    @GetMapping("/{name}")
    @Operation(
            summary = "Describe a delivery stream",
            description = "With its source, destination, encryption and, while deliveries fail, why.")
    DeliveryStream describe(@PathVariable String name) {
        DeliveryStreamView stream = streams.describe(validRef(name));
        FailureDescription failure = errors.current(stream.id())
                .map(e -> new FailureDescription(DeliveryError.FAILURE_TYPE, e.details()))
                .orElse(null);
        return DeliveryStream.of(stream, failure);
    }

    @GetMapping("/{name}/failure")
    @Operation(
            summary = "Why deliveries fail",
            description = "The latest failed delivery (error code, message, since when, how many attempts), kept"
                    + " until a delivery succeeds again; failing is false when the latest delivery succeeded.")
    DeliveryFailure failure(@PathVariable String name) {
        return DeliveryFailure.of(
                errors.current(streams.describe(validRef(name)).id()));
    }

    @GetMapping("/{name}/tags")
    @Operation(summary = "List a delivery stream's tags", description = "All of them, in key order.")
    RestShapes.Tags tags(@PathVariable String name) {
        return new RestShapes.Tags(
                tags.list(validRef(name), null, Integer.MAX_VALUE).tags());
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Delete a delivery stream", description = "DELETING, then gone with its undelivered records.")
    void delete(@PathVariable String name) {
        streams.delete(validRef(name));
    }

    private DeliveryStreamRef validRef(String name) {
        return DeliveryStreamName.of(Validation.of(), "name", name).in(caller.accountId(), caller.region());
    }

    private DeliveryStreamRef ref(String name) {
        return new DeliveryStreamRef(caller.accountId(), caller.region(), name);
    }
}
