package dev.shardline.platform.aws;

import java.io.IOException;
import java.time.Duration;

/**
 * What an action returns, in place of a response document, when it answers with a body that it writes over time (an
 * AWS event stream, for example). Everything the handler throws before returning it is answered as a normal AWS error;
 * once it is returned the endpoint sends HTTP 200 with {@link #contentType()} and hands the body to {@link #start}.
 */
public interface AwsStreamingResponse {

    /** The response's Content-Type, for example {@code application/vnd.amazon.eventstream}. */
    String contentType();

    /** The endpoint ends the response after this long if the stream has not completed by then. */
    Duration timeout();

    /**
     * Starts writing. Called once, on the request thread, which it must not hold: write from a thread of your own and
     * end with {@link Sink#complete()}.
     *
     * @param wire the encoding of the request, which the stream's payloads follow
     */
    void start(AwsWireFormat wire, Sink sink);

    /** The open response. */
    interface Sink {

        /** Writes and flushes {@code bytes}; fails once the client has gone or the response has ended. */
        void write(byte[] bytes) throws IOException;

        /** Ends the response. */
        void complete();

        /** Runs {@code callback} once the response has ended, whatever ended it: complete, timeout, error, client gone. */
        void onClose(Runnable callback);
    }
}
