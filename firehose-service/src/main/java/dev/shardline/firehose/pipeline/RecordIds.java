package dev.shardline.firehose.pipeline;

import java.util.HexFormat;

/** RecordIds are opaque to clients; Shardline's say where the record sits in the buffer (partition, offset, time). */
public final class RecordIds {

    private RecordIds() {}

    public static String of(int partition, long offset, long arrivalMillis) {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(partition) + hex.toHexDigits(offset) + hex.toHexDigits(arrivalMillis);
    }
}
