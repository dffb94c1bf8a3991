package dev.shardline.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Where a delivery stream's batches go, already validated. Kept as JSON in the delivery stream's row, so a new
 * member of a destination needs no migration; a member missing from an older row reads as null.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = S3Destination.class, name = "ExtendedS3"),
    @JsonSubTypes.Type(value = WarehouseDestination.class, name = "Redshift"),
    @JsonSubTypes.Type(value = HttpEndpointDestination.class, name = "HttpEndpoint")
})
public sealed interface Destination permits S3Destination, WarehouseDestination, HttpEndpointDestination {

    /** When the delivery worker cuts a batch for this destination. */
    BufferingHints buffering();

    /** The records' transformation before delivery; {@link Processing#NONE} when disabled. */
    Processing processing();
}
