package dev.shardline.analytics.connector.firehose;

/** A row whose record is larger than Firehose takes: the job fails with this rather than sending it. */
public final class RecordTooLargeException extends IllegalArgumentException {

    RecordTooLargeException(String deliveryStream, long size) {
        super("A record of " + size + " bytes cannot be sent to delivery stream " + deliveryStream
                + ": Firehose takes records of at most " + FirehoseLimits.MAX_RECORD_BYTES + " bytes (1,000 KiB)");
    }
}
