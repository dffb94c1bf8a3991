package dev.shardline.firehose.outbound;

/** Firehose will not connect to a host: a metadata address, off the allow-list, or unresolvable. */
public final class OutboundRefusedException extends Exception {

    OutboundRefusedException(String message) {
        super(message, null, false, false);
    }
}
