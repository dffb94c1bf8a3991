package dev.shardline.firehose.destination;

import dev.shardline.platform.error.AwsErrorType;

/** The CompressionFormat values, with their name on the wire and the extension Firehose appends to object names. */
public enum Compression {
    UNCOMPRESSED("UNCOMPRESSED", ""),
    GZIP("GZIP", ".gz"),
    ZIP("ZIP", ".zip"),
    /** The framed Snappy stream format. */
    SNAPPY("Snappy", ".snappy"),
    /** Hadoop's block Snappy format, as Hadoop's SnappyCodec reads it. */
    HADOOP_SNAPPY("HADOOP_SNAPPY", ".snappy");

    private final String wireName;
    private final String extension;

    Compression(String wireName, String extension) {
        this.wireName = wireName;
        this.extension = extension;
    }

    /** The CompressionFormat value on the wire (Snappy is not upper case there). */
    public String wireName() {
        return wireName;
    }

    public String extension() {
        return extension;
    }

    public static Compression fromWire(String format) {
        for (Compression compression : values()) {
            if (compression.wireName.equals(format)) {
                return compression;
            }
        }
        throw AwsErrorType.INVALID_ARGUMENT.exception("CompressionFormat " + format + " is not supported.");
    }
}
