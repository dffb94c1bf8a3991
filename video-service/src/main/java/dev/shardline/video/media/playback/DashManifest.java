package dev.shardline.video.media.playback;

import dev.shardline.video.media.FragmentIndex.TimestampKind;
import dev.shardline.video.media.FragmentView;
import dev.shardline.video.media.playback.MkvMedia.Media;
import dev.shardline.video.media.playback.MkvMedia.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An MPEG-DASH manifest (ISO/IEC 23009-1, live profile) over a session's fragments: one video Representation whose
 * SegmentList names the same init and media segments as the HLS playlist, with a SegmentTimeline of the fragments'
 * producer times since the session's origin. LIVE is a dynamic MPD that the player reloads; the others are static.
 */
final class DashManifest {

    /** The namespace of the {@code kvs:ts} and {@code kvs:fn} attributes (AWS's own URI is not documented). */
    static final String KVS_NAMESPACE = "urn:shardline:kinesisvideo:dash";

    private DashManifest() {}

    static String of(
            PlaybackSession session,
            String token,
            Media media,
            List<FragmentView> fragments,
            long sequence,
            boolean dynamic,
            Instant now) {
        FragmentView last = fragments.get(fragments.size() - 1);
        long end = time(session, last) + last.durationMillis();
        long maxDuration =
                fragments.stream().mapToLong(FragmentView::durationMillis).max().orElse(1000);
        long bandwidth = Math.max(1, last.sizeBytes() * 8 * 1000 / Math.max(1, last.durationMillis()));
        StringBuilder mpd = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        mpd.append("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" xmlns:kvs=\"")
                .append(KVS_NAMESPACE)
                .append("\" profiles=\"urn:mpeg:dash:profile:isoff-live:2011\"");
        if (dynamic) {
            mpd.append(" type=\"dynamic\" availabilityStartTime=\"")
                    .append(Instant.ofEpochMilli(session.originMillis()))
                    .append("\" publishTime=\"")
                    .append(now)
                    .append("\" minimumUpdatePeriod=\"")
                    .append(duration(maxDuration))
                    .append("\" timeShiftBufferDepth=\"")
                    .append(duration(end - time(session, fragments.get(0))))
                    .append("\" suggestedPresentationDelay=\"")
                    .append(duration(2 * maxDuration))
                    .append('"');
        } else {
            mpd.append(" type=\"static\" mediaPresentationDuration=\"")
                    .append(duration(end))
                    .append('"');
        }
        mpd.append(" minBufferTime=\"").append(duration(maxDuration)).append("\">\n");
        mpd.append(" <Period id=\"0\" start=\"PT0S\">\n");
        mpd.append("  <AdaptationSet mimeType=\"video/mp4\" contentType=\"video\" segmentAlignment=\"true\"")
                .append(" startWithSAP=\"1\">\n");
        mpd.append("   <Representation id=\"video\" codecs=\"")
                .append(media.codecs())
                .append("\" bandwidth=\"")
                .append(bandwidth)
                .append('"');
        Track track = media.track();
        if (track.width() > 0 && track.height() > 0) {
            mpd.append(" width=\"")
                    .append(track.width())
                    .append("\" height=\"")
                    .append(track.height())
                    .append('"');
        }
        mpd.append(">\n");
        mpd.append("    <SegmentList timescale=\"")
                .append(Fmp4.TIMESCALE)
                .append("\" startNumber=\"")
                .append(sequence)
                .append("\">\n");
        mpd.append("     <Initialization sourceURL=\"getMP4InitFragment.mp4?SessionToken=")
                .append(token)
                .append("\"/>\n");
        mpd.append("     <SegmentTimeline>\n");
        for (FragmentView fragment : fragments) {
            mpd.append("      <S t=\"")
                    .append(time(session, fragment))
                    .append("\" d=\"")
                    .append(fragment.durationMillis())
                    .append('"');
            if (session.displayTimestamps()) {
                Instant shown = session.kind() == TimestampKind.PRODUCER_TIMESTAMP
                        ? fragment.producerTimestamp()
                        : fragment.serverTimestamp();
                mpd.append(" kvs:ts=\"").append(shown.toEpochMilli()).append('"');
            }
            if (session.displayNumbers()) {
                mpd.append(" kvs:fn=\"").append(fragment.fragmentNumber()).append('"');
            }
            mpd.append("/>\n");
        }
        mpd.append("     </SegmentTimeline>\n");
        for (FragmentView fragment : fragments) {
            mpd.append("     <SegmentURL media=\"getMP4MediaFragment.mp4?SessionToken=")
                    .append(token)
                    .append("&amp;FragmentNumber=")
                    .append(fragment.fragmentNumber())
                    .append("\"/>\n");
        }
        mpd.append("    </SegmentList>\n   </Representation>\n  </AdaptationSet>\n </Period>\n</MPD>\n");
        return mpd.toString();
    }

    /** A fragment's start on the session's media timeline: the same as its segment's tfdt. */
    private static long time(PlaybackSession session, FragmentView fragment) {
        return Math.max(0, fragment.producerTimestamp().toEpochMilli() - session.originMillis());
    }

    private static String duration(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        return String.format(Locale.ROOT, "PT%d.%03dS", d.toSeconds(), d.toMillisPart());
    }
}
