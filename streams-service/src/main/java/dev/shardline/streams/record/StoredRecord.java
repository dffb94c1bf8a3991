package dev.shardline.streams.record;

import java.time.Instant;

/** A record as GetRecords returns it; {@code encrypted} when it was stored encrypted (EncryptionType KMS). */
public record StoredRecord(
        String sequenceNumber,
        Instant approximateArrivalTimestamp,
        byte[] data,
        String partitionKey,
        boolean encrypted) {}
