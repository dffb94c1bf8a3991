package dev.shardline.firehose.delivery;

/**
 * When a batch goes out: once it holds {@code sizeInMBs} MiB or once it is {@code intervalInSeconds} old, whichever
 * comes first.
 */
public record BufferingHints(int sizeInMBs, int intervalInSeconds) {

    /** AWS's S3 defaults: 5 MiB or 300 seconds. */
    public static final BufferingHints S3_DEFAULT = new BufferingHints(5, 300);

    public long sizeBytes() {
        return (long) sizeInMBs * 1024 * 1024;
    }
}
