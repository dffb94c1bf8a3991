package dev.shardline.firehose.delivery;

/** The CompressionFormat values delivered so far, with the extension Firehose appends to object names. */
public enum Compression {
    UNCOMPRESSED(""),
    GZIP(".gz");

    private final String extension;

    Compression(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
