package dev.shardline.video.signaling;

/** One connected end of a signaling channel as the relay sees it; {@link #send} may be called from any thread. */
public interface SignalingPeer {

    /** False where the connection is already gone: the relay then keeps the message as for an offline peer. */
    boolean send(String text);

    /** Ends the connection (its channel was deleted, or another connection took its place). */
    void close(String reason);
}
