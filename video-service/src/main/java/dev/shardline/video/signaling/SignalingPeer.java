package dev.shardline.video.signaling;

/** One connected end of a signaling channel as the relay sees it; {@link #send} may be called from any thread. */
public interface SignalingPeer {

    void send(String text);

    /** Ends the connection (its channel was deleted, or another connection took its place). */
    void close(String reason);
}
