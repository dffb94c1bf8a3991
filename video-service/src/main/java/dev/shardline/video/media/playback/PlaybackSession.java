package dev.shardline.video.media.playback;

import dev.shardline.video.media.FragmentIndex.TimestampKind;
import java.time.Instant;
import java.util.UUID;

/**
 * What a streaming session URL stands for, carried inside its opaque token: the stream, which of its fragments, how to
 * list them, and until when the URL is good.
 *
 * @param displayNumbers DASH's DisplayFragmentNumber: each segment's fragment number in the manifest
 * @param originMillis the producer time that decode time 0 stands for in the session's MP4 fragments
 * @param replayLeadMillis for LIVE_REPLAY, how far the replay's horizon (the latest timestamp played so far) is ahead
 *     of the wall clock: the horizon moves on in real time from where the session's first playlist ended
 */
record PlaybackSession(
        UUID streamId,
        String streamName,
        PlaybackMode mode,
        TimestampKind kind,
        Instant from,
        Instant to,
        DiscontinuityMode discontinuityMode,
        boolean displayTimestamps,
        boolean displayNumbers,
        int maxResults,
        long originMillis,
        long replayLeadMillis,
        Instant expires) {

    /** Where a LIVE_REPLAY has got to at {@code now}: fragments with a later timestamp are not played yet. */
    Instant replayHorizon(Instant now) {
        return now.plusMillis(replayLeadMillis);
    }

    /** GetHLSStreamingSessionURL's PlaybackMode. */
    enum PlaybackMode {
        LIVE,
        LIVE_REPLAY,
        ON_DEMAND
    }

    /** Where the media playlist marks a discontinuity. */
    enum DiscontinuityMode {
        ALWAYS,
        NEVER,
        ON_DISCONTINUITY
    }

    String encode() {
        return String.join(
                "|",
                streamId.toString(),
                streamName,
                mode.name(),
                kind.name(),
                from == null ? "" : Long.toString(from.toEpochMilli()),
                to == null ? "" : Long.toString(to.toEpochMilli()),
                discontinuityMode.name(),
                Boolean.toString(displayTimestamps),
                Boolean.toString(displayNumbers),
                Integer.toString(maxResults),
                Long.toString(originMillis),
                Long.toString(replayLeadMillis),
                Long.toString(expires.toEpochMilli()));
    }

    static PlaybackSession decode(String text) {
        String[] f = text.split("\\|", -1);
        return new PlaybackSession(
                UUID.fromString(f[0]),
                f[1],
                PlaybackMode.valueOf(f[2]),
                TimestampKind.valueOf(f[3]),
                f[4].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(f[4])),
                f[5].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(f[5])),
                DiscontinuityMode.valueOf(f[6]),
                Boolean.parseBoolean(f[7]),
                Boolean.parseBoolean(f[8]),
                Integer.parseInt(f[9]),
                Long.parseLong(f[10]),
                Long.parseLong(f[11]),
                Instant.ofEpochMilli(Long.parseLong(f[12])));
    }
}
