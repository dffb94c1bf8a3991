package dev.shardline.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Where a delivery stream's batches go, already validated. Kept as JSON in the delivery stream's row, so a new
 * member of a destination needs no migration; a member missing from an older row reads as null. The types are S3,
 * Redshift and HTTP endpoint (each in its {@code destination} package), named for JSON where the row is read
 * ({@code DeliveryStream}'s converter), so this vocabulary does not depend on the destinations.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface Destination {

    /** When the delivery worker cuts a batch for this destination. */
    BufferingHints buffering();

    /** The records' transformation before delivery; {@link Processing#NONE} when disabled. */
    Processing processing();
}
