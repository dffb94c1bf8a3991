package dev.shardline.video.media.playback;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.video.media.ArchivedMedia;
import dev.shardline.video.media.FragmentIndex;
import dev.shardline.video.media.FragmentIndex.TimestampKind;
import dev.shardline.video.media.FragmentView;
import dev.shardline.video.media.playback.MkvMedia.Media;
import dev.shardline.video.media.playback.PlaybackSession.DiscontinuityMode;
import dev.shardline.video.media.playback.PlaybackSession.PlaybackMode;
import dev.shardline.video.stream.StreamSelector;
import dev.shardline.video.stream.StreamView;
import dev.shardline.video.stream.VideoStreamService;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * HLS and MPEG-DASH playback of a video stream's stored fragments: the session of GetHLSStreamingSessionURL and
 * GetDASHStreamingSessionURL, and behind its URL the playlists or manifest and the fragments remuxed to fragmented MP4
 * (no transcoding), the same segments for both.
 */
@Service
public class HlsPlayback {

    private static final Duration LIVE_HEAD = Duration.ofSeconds(30);
    private static final Duration MAX_RANGE = Duration.ofHours(24);
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");
    private static final long DISCONTINUITY_GAP_MILLIS = 100;

    /** GetHLSStreamingSessionURL's input, as sent (null where absent). */
    public record SessionRequest(
            StreamSelector stream,
            String playbackMode,
            String fragmentSelectorType,
            Instant startTimestamp,
            Instant endTimestamp,
            String containerFormat,
            String discontinuityMode,
            String displayFragmentTimestamp,
            String displayFragmentNumber,
            Integer expires,
            Long maxMediaPlaylistFragmentResults) {}

    private final VideoStreamService streams;
    private final FragmentIndex index;
    private final ArchivedMedia archived;
    private final SessionTokens tokens;
    private final Clock clock;

    HlsPlayback(
            VideoStreamService streams,
            FragmentIndex index,
            ArchivedMedia archived,
            SessionTokens tokens,
            Clock clock) {
        this.streams = streams;
        this.index = index;
        this.archived = archived;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A new session over the stream, checked as AWS checks it; answers its token. */
    public String createSession(SessionRequest request) {
        StreamView stream = streams.describe(request.stream());
        PlaybackMode mode =
                request.playbackMode() == null ? PlaybackMode.LIVE : PlaybackMode.valueOf(request.playbackMode());
        if ("MPEG_TS".equals(request.containerFormat())) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "ContainerFormat MPEG_TS is not supported; use FRAGMENTED_MP4");
        }
        TimestampKind kind = request.fragmentSelectorType() == null
                ? TimestampKind.SERVER_TIMESTAMP
                : TimestampKind.valueOf(request.fragmentSelectorType());
        Instant from = request.startTimestamp();
        Instant to = request.endTimestamp();
        checkRange(mode, kind, from, to);
        if (stream.dataRetentionInHours() == 0) {
            throw AwsErrorType.NO_DATA_RETENTION.exception(
                    "A streaming session was requested for a stream that does not retain data (that is, has a"
                            + " DataRetentionInHours of 0).");
        }
        int maxResults = request.maxMediaPlaylistFragmentResults() != null
                ? request.maxMediaPlaylistFragmentResults().intValue()
                : mode == PlaybackMode.ON_DEMAND ? 1000 : 5;
        DiscontinuityMode discontinuity = request.discontinuityMode() != null
                ? DiscontinuityMode.valueOf(request.discontinuityMode())
                : kind == TimestampKind.SERVER_TIMESTAMP ? DiscontinuityMode.ALWAYS : DiscontinuityMode.NEVER;
        FragmentView first = firstFragment(stream, mode, kind, from, to, maxResults);
        MkvMedia.read(archived.open(first), first.durationMillis()); // the codec is checked once, here
        int expires = request.expires() == null ? 300 : request.expires();
        Instant now = clock.instant();
        long replayLead = mode == PlaybackMode.LIVE_REPLAY
                ? firstReplayWindowEnd(stream, kind, from, to, maxResults).toEpochMilli() - now.toEpochMilli()
                : 0;
        PlaybackSession session = new PlaybackSession(
                stream.id(),
                stream.name(),
                mode,
                kind,
                from,
                to,
                discontinuity,
                "ALWAYS".equals(request.displayFragmentTimestamp()),
                "ALWAYS".equals(request.displayFragmentNumber()),
                maxResults,
                first.producerTimestamp().toEpochMilli(),
                replayLead,
                now.plusSeconds(expires));
        return tokens.seal(session);
    }

    /** The master playlist: one variant, the media playlist, with its codec and an estimate of its bandwidth. */
    public String masterPlaylist(String token) {
        PlaybackSession session = tokens.open(token);
        FragmentView fragment = anyFragment(session);
        Media media = MkvMedia.read(archived.open(fragment), fragment.durationMillis());
        long bandwidth = Math.max(1, fragment.sizeBytes() * 8 * 1000 / Math.max(1, fragment.durationMillis()));
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        m3u8.append("#EXT-X-STREAM-INF:BANDWIDTH=")
                .append(bandwidth)
                .append(",CODECS=\"")
                .append(media.codecs())
                .append('"');
        if (media.track().width() > 0 && media.track().height() > 0) {
            m3u8.append(",RESOLUTION=")
                    .append(media.track().width())
                    .append('x')
                    .append(media.track().height());
        }
        return m3u8.append("\ngetHLSMediaPlaylist.m3u8?SessionToken=")
                .append(token)
                .append('\n')
                .toString();
    }

    /**
     * The media playlist: for LIVE the latest fragments (the live edge, new ones as they are persisted), for ON_DEMAND
     * the oldest of the range, for LIVE_REPLAY the latest of those replayed so far (a window that slides on in real
     * time from the range's start, as AWS adds a fragment each time the next one's duration has elapsed), each up to the
     * session's MaxMediaPlaylistFragmentResults.
     */
    public String mediaPlaylist(String token) {
        PlaybackSession session = tokens.open(token);
        List<FragmentView> fragments = fragments(session);
        long sequence = fragments.isEmpty()
                ? 0
                : index.countBefore(session.streamId(), fragments.get(0).fragmentNumber());
        long target =
                fragments.stream().mapToLong(FragmentView::durationMillis).max().orElse(1000);
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n");
        m3u8.append("#EXT-X-TARGETDURATION:").append((target + 999) / 1000).append('\n');
        m3u8.append("#EXT-X-MEDIA-SEQUENCE:").append(sequence).append('\n');
        if (session.discontinuityMode() == DiscontinuityMode.ALWAYS) {
            m3u8.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(sequence).append('\n');
        }
        boolean ends = ends(session, clock.instant());
        if (ends) {
            m3u8.append("#EXT-X-PLAYLIST-TYPE:VOD\n");
        }
        m3u8.append("#EXT-X-MAP:URI=\"getMP4InitFragment.mp4?SessionToken=")
                .append(token)
                .append("\"\n");
        FragmentView previous = null;
        for (FragmentView fragment : fragments) {
            if (previous != null && discontinuity(session, previous, fragment)) {
                m3u8.append("#EXT-X-DISCONTINUITY\n");
            }
            if (session.displayTimestamps()) {
                Instant shown = session.kind() == TimestampKind.PRODUCER_TIMESTAMP
                        ? fragment.producerTimestamp()
                        : fragment.serverTimestamp();
                m3u8.append("#EXT-X-PROGRAM-DATE-TIME:").append(shown).append('\n');
            }
            m3u8.append(String.format(Locale.ROOT, "#EXTINF:%.3f,%n", fragment.durationMillis() / 1000.0));
            m3u8.append("getMP4MediaFragment.mp4?SessionToken=")
                    .append(token)
                    .append("&FragmentNumber=")
                    .append(fragment.fragmentNumber())
                    .append('\n');
            previous = fragment;
        }
        if (ends) {
            m3u8.append("#EXT-X-ENDLIST\n");
        }
        return m3u8.toString();
    }

    /** The MPEG-DASH manifest over the same fragments and segments as {@link #mediaPlaylist}. */
    public String dashManifest(String token) {
        PlaybackSession session = tokens.open(token);
        List<FragmentView> fragments = fragments(session);
        if (fragments.isEmpty()) {
            throw AwsErrorType.RESOURCE_NOT_FOUND.exception("No fragments found in the stream for the session.");
        }
        FragmentView first = fragments.get(0);
        Media media = MkvMedia.read(archived.open(first), first.durationMillis());
        long sequence = index.countBefore(session.streamId(), first.fragmentNumber());
        return DashManifest.of(
                session, token, media, fragments, sequence, !ends(session, clock.instant()), clock.instant());
    }

    /** The init segment: ftyp and moov, the track's avcC from a fragment of the session. */
    public byte[] initFragment(String token) {
        PlaybackSession session = tokens.open(token);
        FragmentView fragment = anyFragment(session);
        return Fmp4.init(MkvMedia.read(archived.open(fragment), fragment.durationMillis()));
    }

    /** One fragment as a media segment, its decode time the producer time since the session's origin. */
    public byte[] mediaFragment(String token, String fragmentNumber) {
        PlaybackSession session = tokens.open(token);
        if (fragmentNumber == null || !fragmentNumber.matches("[0-9]{1,128}")) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("FragmentNumber is required and must be a number");
        }
        List<FragmentView> found = index.byNumbers(session.streamId(), List.of(fragmentNumber));
        if (found.isEmpty()) {
            throw AwsErrorType.RESOURCE_NOT_FOUND.exception("Fragment " + fragmentNumber + " is not found.");
        }
        FragmentView fragment = found.get(0);
        Media media = MkvMedia.read(archived.open(fragment), fragment.durationMillis());
        long base = Math.max(0, fragment.producerTimestamp().toEpochMilli() - session.originMillis());
        long sequence = new BigInteger(fragmentNumber).intValue() & 0x7FFFFFFF;
        return Fmp4.segment(sequence, base, media);
    }

    private List<FragmentView> fragments(PlaybackSession session) {
        if (session.mode() == PlaybackMode.LIVE) {
            return index.latest(session.streamId(), session.maxResults());
        }
        Instant to = session.to() == null ? END_OF_TIME : session.to();
        if (session.mode() == PlaybackMode.LIVE_REPLAY) {
            Instant horizon = session.replayHorizon(clock.instant());
            return index.latest(
                    session.streamId(),
                    session.kind(),
                    session.from(),
                    horizon.isBefore(to) ? horizon : to,
                    session.maxResults());
        }
        return index.page(session.streamId(), session.kind(), session.from(), to, null, session.maxResults())
                .fragments();
    }

    /** The timestamp of the last fragment in a LIVE_REPLAY's first playlist: the replay's horizon when it starts. */
    private Instant firstReplayWindowEnd(
            StreamView stream, TimestampKind kind, Instant from, Instant to, int maxResults) {
        List<FragmentView> window = index.page(stream.id(), kind, from, to == null ? END_OF_TIME : to, null, maxResults)
                .fragments();
        return timestamp(kind, window.get(window.size() - 1));
    }

    private FragmentView anyFragment(PlaybackSession session) {
        List<FragmentView> fragments = fragments(session);
        if (fragments.isEmpty()) {
            throw AwsErrorType.RESOURCE_NOT_FOUND.exception("No fragments found in the stream for the session.");
        }
        return fragments.get(0);
    }

    /**
     * Whether the playlist is complete: ON_DEMAND always; LIVE_REPLAY once its replay has reached EndTimestamp, or,
     * when EndTimestamp is past, has played the range's last fragment (no fragment can be added to the range any more).
     */
    private boolean ends(PlaybackSession session, Instant now) {
        if (session.mode() == PlaybackMode.ON_DEMAND) {
            return true;
        }
        if (session.mode() != PlaybackMode.LIVE_REPLAY || session.to() == null) {
            return false;
        }
        Instant horizon = session.replayHorizon(now);
        if (!horizon.isBefore(session.to())) {
            return true;
        }
        if (!session.to().isBefore(now)) {
            return false;
        }
        List<FragmentView> last = index.latest(session.streamId(), session.kind(), session.from(), session.to(), 1);
        return last.isEmpty() || !timestamp(session.kind(), last.get(0)).isAfter(horizon);
    }

    private static Instant timestamp(TimestampKind kind, FragmentView fragment) {
        return kind == TimestampKind.PRODUCER_TIMESTAMP ? fragment.producerTimestamp() : fragment.serverTimestamp();
    }

    private static boolean discontinuity(PlaybackSession session, FragmentView previous, FragmentView next) {
        return switch (session.discontinuityMode()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ON_DISCONTINUITY ->
                Math.abs(next.producerTimestamp().toEpochMilli()
                                - previous.producerTimestamp().toEpochMilli()
                                - previous.durationMillis())
                        > DISCONTINUITY_GAP_MILLIS;
        };
    }

    private FragmentView firstFragment(
            StreamView stream, PlaybackMode mode, TimestampKind kind, Instant from, Instant to, int maxResults) {
        if (mode == PlaybackMode.LIVE) {
            List<FragmentView> latest = index.latest(stream.id(), maxResults);
            if (latest.isEmpty()
                    || latest.get(latest.size() - 1)
                            .serverTimestamp()
                            .isBefore(clock.instant().minus(LIVE_HEAD))) {
                throw AwsErrorType.RESOURCE_NOT_FOUND.exception(
                        "No fragments found in the stream within the last 30 seconds for a LIVE session.");
            }
            return latest.get(0);
        }
        List<FragmentView> page = index.page(stream.id(), kind, from, to == null ? END_OF_TIME : to, null, 1)
                .fragments();
        if (page.isEmpty()) {
            throw AwsErrorType.RESOURCE_NOT_FOUND.exception(
                    "No fragments found in the stream for the requested time range.");
        }
        return page.get(0);
    }

    private void checkRange(PlaybackMode mode, TimestampKind kind, Instant from, Instant to) {
        if (mode == PlaybackMode.LIVE) {
            if (from != null || to != null) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("TimestampRange must not be set for a LIVE session");
            }
            return;
        }
        if (from == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("StartTimestamp is required for a " + mode + " session");
        }
        if (mode == PlaybackMode.ON_DEMAND && to == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("EndTimestamp is required for an ON_DEMAND session");
        }
        if (to != null) {
            if (!to.isAfter(from)) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("EndTimestamp must be later than StartTimestamp");
            }
            if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("EndTimestamp must be within 24 hours of StartTimestamp");
            }
            if (kind == TimestampKind.SERVER_TIMESTAMP && to.isAfter(clock.instant())) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("EndTimestamp must be in the past for SERVER_TIMESTAMP");
            }
        }
    }
}
