package dev.shardline.streams.record;

import java.time.Instant;

/** A record as GetRecords returns it. */
public record StoredRecord(
        String sequenceNumber, Instant approximateArrivalTimestamp, byte[] data, String partitionKey) {}
