package dev.shardline.video.media;

/** A fragment (or the stream it is in) that cannot be accepted: what the ERROR acknowledgement says. */
final class FragmentRejected extends RuntimeException {

    private final AckError error;

    FragmentRejected(AckError error, String detail) {
        super(detail);
        this.error = error;
    }

    AckError error() {
        return error;
    }
}
