package dev.shardline.firehose.deliverystream.web;

import dev.shardline.firehose.delivery.Destination;
import dev.shardline.firehose.deliverystream.DestinationUpdates;
import dev.shardline.firehose.destination.http.HttpEndpointDestination;
import dev.shardline.firehose.destination.http.HttpEndpointUpdates;
import dev.shardline.firehose.destination.http.web.HttpEndpointShapes.HttpEndpointDestinationUpdate;
import dev.shardline.firehose.destination.s3.S3Configurations;
import dev.shardline.firehose.destination.s3.S3Destination;
import dev.shardline.firehose.destination.s3.web.S3Shapes.ExtendedS3DestinationConfiguration;
import dev.shardline.firehose.destination.warehouse.RedshiftUpdates;
import dev.shardline.firehose.destination.warehouse.WarehouseDestination;
import dev.shardline.firehose.destination.warehouse.web.RedshiftShapes.RedshiftDestinationUpdate;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * UpdateDestination: the members given replace the destination's current ones, the members absent keep theirs, and
 * the result is validated as CreateDeliveryStream validates a destination.
 */
@Component
public class UpdateDestinationActions {

    /** Merges configurations as JSON trees, so members that the S3 configuration gains need no code here. */
    private static final JsonMapper TREES = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final DestinationUpdates updates;

    UpdateDestinationActions(DestinationUpdates updates) {
        this.updates = updates;
    }

    /** UpdateDestination's request, with AWS's member names; the destination types not delivered as plain maps. */
    record UpdateDestinationRequest(
            String deliveryStreamName,
            String currentDeliveryStreamVersionId,
            String destinationId,
            ExtendedS3DestinationConfiguration extendedS3DestinationUpdate,
            ExtendedS3DestinationConfiguration s3DestinationUpdate,
            RedshiftDestinationUpdate redshiftDestinationUpdate,
            Map<String, Object> elasticsearchDestinationUpdate,
            Map<String, Object> amazonopensearchserviceDestinationUpdate,
            Map<String, Object> splunkDestinationUpdate,
            HttpEndpointDestinationUpdate httpEndpointDestinationUpdate,
            Map<String, Object> amazonOpenSearchServerlessDestinationUpdate,
            Map<String, Object> snowflakeDestinationUpdate,
            Map<String, Object> icebergDestinationUpdate) {

        /** The destination updates given, by their type's name as AWS names destinations. */
        Map<String, Object> given() {
            Map<String, Object> given = new LinkedHashMap<>();
            put(given, "ExtendedS3", extendedS3DestinationUpdate);
            put(given, "S3", s3DestinationUpdate);
            put(given, "Redshift", redshiftDestinationUpdate);
            put(given, "Elasticsearch", elasticsearchDestinationUpdate);
            put(given, "AmazonOpenSearchService", amazonopensearchserviceDestinationUpdate);
            put(given, "Splunk", splunkDestinationUpdate);
            put(given, "HttpEndpoint", httpEndpointDestinationUpdate);
            put(given, "AmazonOpenSearchServerless", amazonOpenSearchServerlessDestinationUpdate);
            put(given, "Snowflake", snowflakeDestinationUpdate);
            put(given, "Iceberg", icebergDestinationUpdate);
            return given;
        }

        private static void put(Map<String, Object> given, String type, Object update) {
            if (update != null) {
                given.put(type, update);
            }
        }
    }

    public List<AwsAction<?, ?>> actions() {
        return List.of(AwsAction.of("UpdateDestination", UpdateDestinationRequest.class, this::update));
    }

    private Object update(UpdateDestinationRequest request, AwsRequestContext ctx) {
        String version = request.currentDeliveryStreamVersionId();
        var ref = DeliveryStreamActions.validRef(ctx, request.deliveryStreamName());
        Map<String, Object> given = request.given();
        if (given.size() != 1) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Exactly one destination update must be supplied.");
        }
        String type = given.keySet().iterator().next();
        updates.update(ref, version, request.destinationId(), current -> {
            Object update = given.get(type);
            if (current instanceof S3Destination s3 && ("ExtendedS3".equals(type) || "S3".equals(type))) {
                String member = "S3".equals(type) ? "s3DestinationUpdate" : "extendedS3DestinationUpdate";
                ExtendedS3DestinationConfiguration changes = (ExtendedS3DestinationConfiguration) update;
                if ("S3".equals(type)) {
                    changes = S3Configurations.plain(changes);
                }
                return S3Configurations.destination(member, merge(s3, changes));
            }
            if (current instanceof HttpEndpointDestination http && "HttpEndpoint".equals(type)) {
                return HttpEndpointUpdates.apply(http, request.httpEndpointDestinationUpdate());
            }
            if (current instanceof WarehouseDestination warehouse && "Redshift".equals(type)) {
                return RedshiftUpdates.apply(warehouse, request.redshiftDestinationUpdate());
            }
            throw AwsErrorType.INVALID_ARGUMENT.exception("Firehose " + ref.name() + " delivers to "
                    + typeOf(current) + "; changing its destination type to " + type
                    + " is not supported yet. Update the destination with " + updateMemberOf(current)
                    + ", or create a new Firehose stream.");
        });
        return null;
    }

    /** The current destination as its configuration, with the update's members laid over it. */
    static ExtendedS3DestinationConfiguration merge(S3Destination current, ExtendedS3DestinationConfiguration update) {
        ObjectNode merged = TREES.valueToTree(S3Configurations.describeExtended(current));
        JsonNode backup = merged.remove("s3BackupDescription");
        if (backup != null && !backup.isNull()) {
            merged.set("s3BackupConfiguration", backup);
        }
        ObjectNode changes = TREES.valueToTree(update);
        for (Map.Entry<String, JsonNode> change : changes.properties()) {
            if (change.getValue().isNull()) {
                continue; // absent: the current member stays
            }
            JsonNode old = merged.get(change.getKey());
            if ("bufferingHints".equals(change.getKey()) && old instanceof ObjectNode hints) {
                // A hint that is not given keeps its value, as the other members do.
                change.getValue().properties().forEach(h -> {
                    if (!h.getValue().isNull()) {
                        hints.set(h.getKey(), h.getValue());
                    }
                });
            } else {
                merged.set(change.getKey(), change.getValue());
            }
        }
        return TREES.treeToValue(merged, ExtendedS3DestinationConfiguration.class);
    }

    private static String typeOf(Destination destination) {
        if (destination instanceof S3Destination) {
            return "ExtendedS3";
        }
        if (destination instanceof HttpEndpointDestination) {
            return "HttpEndpoint";
        }
        if (destination instanceof WarehouseDestination) {
            return "Redshift";
        }
        return destination.getClass().getSimpleName();
    }

    private static String updateMemberOf(Destination destination) {
        return typeOf(destination) + "DestinationUpdate";
    }
}
