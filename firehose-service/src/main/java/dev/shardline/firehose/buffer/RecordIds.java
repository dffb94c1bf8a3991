package dev.shardline.firehose.buffer;

import java.util.HexFormat;

/** RecordIds are opaque to clients; Shardline's say where the record sits in the buffer (partition, offset, time). */
final class RecordIds {

    private RecordIds() {}

    static String of(int partition, long offset, long arrivalMillis) {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(partition) + hex.toHexDigits(offset) + hex.toHexDigits(arrivalMillis);
    }
}
