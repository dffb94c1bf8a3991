package dev.shardline.analytics.preview;

import java.io.IOException;

/** Where a preview's lines go as they are made: the HTTP response. */
public interface PreviewOutput {

    /** Sends one line now; fails once the client has gone. */
    void send(PreviewLine line) throws IOException;

    /** The preview ended (after its last line, or because the client went away). */
    void complete();
}
