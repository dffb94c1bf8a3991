package dev.shardline.firehose.deliverystream.web;

import dev.shardline.firehose.delivery.DeliveryStreamName;
import dev.shardline.firehose.deliverystream.DeliveryStreamService;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.CreateDeliveryStreamRequest;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.DeliveryStreamEncryptionConfigurationInput;
import dev.shardline.firehose.deliverystream.web.RestShapes.DeliveryStream;
import dev.shardline.firehose.deliverystream.web.RestShapes.Tags;
import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.error.Validation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the AWS API does to a delivery stream, over REST: create it with any source and destination, update its
 * destination, tag it, encrypt it. Each body is the AWS request's members in camelCase, called through the same
 * actions as {@code POST /} ({@link FirehoseRestActions}); each answer is the delivery stream as it is now.
 */
@RestController
@RequestMapping("/v1/delivery-streams/{name}")
@Tag(name = "Delivery streams", description = "Firehose delivery streams, their destinations and records")
class DeliveryStreamChangesRestController {

    private final FirehoseRestActions actions;
    private final DeliveryStreamService streams;
    private final RestCaller caller;

    DeliveryStreamChangesRestController(FirehoseRestActions actions, DeliveryStreamService streams, RestCaller caller) {
        this.actions = actions;
        this.streams = streams;
        this.caller = caller;
    }

    @PutMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a delivery stream with any source and destination",
            description = "The members of CreateDeliveryStream in camelCase (deliveryStreamType,"
                    + " kinesisStreamSourceConfiguration, extendedS3DestinationConfiguration,"
                    + " httpEndpointDestinationConfiguration, redshiftDestinationConfiguration, tags, ...); the name"
                    + " comes from the path. ResourceInUseException if it exists.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = CreateDeliveryStreamRequest.class))))
    DeliveryStream create(@PathVariable String name, @RequestBody JsonNode request) {
        actions.call("CreateDeliveryStream", name, request);
        return describe(name);
    }

    @PutMapping("/destination")
    @Operation(
            summary = "Update the destination",
            description = "As UpdateDestination: currentDeliveryStreamVersionId (the versionId the stream shows),"
                    + " destinationId and one destination update, e.g. extendedS3DestinationUpdate.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            schema =
                                                    @Schema(
                                                            implementation =
                                                                    UpdateDestinationActions.UpdateDestinationRequest
                                                                            .class))))
    DeliveryStream updateDestination(@PathVariable String name, @RequestBody JsonNode request) {
        actions.call("UpdateDestination", name, request);
        return describe(name);
    }

    @PutMapping("/encryption")
    @Operation(
            summary = "Encrypt the buffered records",
            description = "As StartDeliveryStreamEncryption: keyType AWS_OWNED_CMK, or CUSTOMER_MANAGED_CMK with"
                    + " keyARN.")
    DeliveryStream startEncryption(
            @PathVariable String name, @RequestBody DeliveryStreamEncryptionConfigurationInput request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode input = body.putObject("deliveryStreamEncryptionConfigurationInput");
        input.put("keyType", request.keyType());
        input.put("keyARN", request.keyARN());
        actions.call("StartDeliveryStreamEncryption", name, body);
        return describe(name);
    }

    @DeleteMapping("/encryption")
    @Operation(summary = "Stop encrypting", description = "As StopDeliveryStreamEncryption.")
    DeliveryStream stopEncryption(@PathVariable String name) {
        actions.call("StopDeliveryStreamEncryption", name, null);
        return describe(name);
    }

    @PostMapping("/tags")
    @Operation(
            summary = "Add tags",
            description = "As TagDeliveryStream: these tags are added, or their values replaced; others stay.")
    DeliveryStream tag(@PathVariable String name, @RequestBody Tags request) {
        Validation v = Validation.of();
        v.required("tags", request.tags());
        v.throwIfInvalid();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        var tags = body.putArray("tags");
        request.tags().forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        actions.call("TagDeliveryStream", name, body);
        return describe(name);
    }

    @DeleteMapping("/tags")
    @Operation(summary = "Remove tags", description = "As UntagDeliveryStream: the tags with these keys go.")
    DeliveryStream untag(@PathVariable String name, @RequestParam List<String> key) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        var keys = body.putArray("tagKeys");
        key.forEach(keys::add);
        actions.call("UntagDeliveryStream", name, body);
        return describe(name);
    }

    private DeliveryStream describe(String name) {
        return DeliveryStream.of(streams.describe(
                DeliveryStreamName.of(Validation.of(), "name", name).in(caller.accountId(), caller.region())));
    }
}
