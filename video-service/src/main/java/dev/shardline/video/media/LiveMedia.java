package dev.shardline.video.media;

import dev.shardline.platform.aws.AwsStreamingResponse;
import dev.shardline.platform.aws.AwsWireFormat;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.video.VideoProperties;
import dev.shardline.video.media.FragmentIndex.FragmentPage;
import dev.shardline.video.media.FragmentIndex.TimestampKind;
import dev.shardline.video.stream.StreamSelector;
import dev.shardline.video.stream.StreamView;
import dev.shardline.video.stream.VideoStreamService;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * GetMedia: the stored fragments from a start selector on, each followed by the {@code AWS_KINESISVIDEO_*} tags AWS
 * adds, and then the live edge: new fragments as they are persisted, until the consumer goes.
 */
@Service
public class LiveMedia {

    private static final Logger log = LoggerFactory.getLogger(LiveMedia.class);
    private static final Duration LIVE_POLL = Duration.ofMillis(100);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);
    private static final byte[] VOID = {(byte) 0xEC, (byte) 0x80};
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    /** Where GetMedia starts (StartSelector). */
    public record Start(String type, String afterFragmentNumber, Instant timestamp, String continuationToken) {}

    private final VideoStreamService streams;
    private final FragmentIndex index;
    private final FragmentStore store;
    private final FragmentSeal seal;
    private final VideoProperties properties;
    private final Clock clock;
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "getmedia");
        thread.setDaemon(true);
        return thread;
    });

    // Six: the stream, where fragments are (index, store, seal), how long to follow, and time.
    LiveMedia(
            VideoStreamService streams,
            FragmentIndex index,
            FragmentStore store,
            FragmentSeal seal,
            VideoProperties properties,
            Clock clock) {
        this.streams = streams;
        this.index = index;
        this.store = store;
        this.seal = seal;
        this.properties = properties;
        this.clock = clock;
    }

    public AwsStreamingResponse open(StreamSelector ref, Start start) {
        StreamView stream = streams.describe(ref);
        TimestampKind kind = switch (start.type()) {
            case "SERVER_TIMESTAMP" -> TimestampKind.SERVER_TIMESTAMP;
            case "PRODUCER_TIMESTAMP" -> TimestampKind.PRODUCER_TIMESTAMP;
            default -> TimestampKind.SERVER_TIMESTAMP;
        };
        if (start.type().endsWith("_TIMESTAMP") && start.timestamp() == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("StartTimestamp is required for " + start.type());
        }
        Instant from = start.type().endsWith("_TIMESTAMP") ? start.timestamp() : Instant.EPOCH;
        String after = switch (start.type()) {
            case "EARLIEST", "SERVER_TIMESTAMP", "PRODUCER_TIMESTAMP" -> "";
            case "NOW" -> latest(stream);
            case "FRAGMENT_NUMBER" -> before(required(start.afterFragmentNumber(), "AfterFragmentNumber"));
            case "CONTINUATION_TOKEN" -> required(start.continuationToken(), "ContinuationToken");
            default -> throw AwsErrorType.INVALID_ARGUMENT.exception("Unknown StartSelectorType " + start.type());
        };
        return new AwsStreamingResponse() {
            @Override
            public String contentType() {
                return "video/webm";
            }

            @Override
            public Duration timeout() {
                return properties.putMediaTimeout();
            }

            @Override
            public void start(AwsWireFormat wire, Sink sink) {
                commitHeaders(sink);
                AtomicBoolean open = new AtomicBoolean(true);
                sink.onClose(() -> open.set(false));
                readers.execute(() -> follow(stream, kind, from, after, sink, open));
            }
        };
    }

    private void follow(
            StreamView stream,
            TimestampKind kind,
            Instant from,
            String after,
            AwsStreamingResponse.Sink sink,
            AtomicBoolean open) {
        String last = after;
        long quietSince = System.nanoTime();
        try {
            while (open.get()) {
                FragmentPage page = index.page(stream.id(), kind, from, END_OF_TIME, last, 10);
                for (FragmentView fragment : page.fragments()) {
                    sink.write(withTags(fragment, seal.open(fragment.objectKey(), store.get(fragment.objectKey()))));
                    last = fragment.fragmentNumber();
                    quietSince = System.nanoTime();
                }
                if (page.fragments().isEmpty()) {
                    if (System.nanoTime() - quietSince > KEEP_ALIVE.toNanos()) {
                        // an empty Void element: valid anywhere in MKV, and a consumer that has gone is noticed
                        sink.write(VOID);
                        quietSince = System.nanoTime();
                    }
                    Thread.sleep(LIVE_POLL.toMillis()); // at the live edge
                }
            }
        } catch (IOException e) {
            log.debug("GetMedia on {}: the consumer has gone", stream.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            MediaReadError error = MediaReadError.of(e);
            log.warn("GetMedia on {} stopped after fragment {}: {} ({})", stream.name(), last, error, error.id(), e);
            reportError(sink, error);
        } finally {
            sink.complete();
        }
    }

    /** The fragment followed by a Tags element with AWS's GetMedia tags. */
    private byte[] withTags(FragmentView fragment, byte[] mkv) {
        long behind = Math.max(0, clock.millis() - fragment.serverTimestamp().toEpochMilli());
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("AWS_KINESISVIDEO_FRAGMENT_NUMBER", fragment.fragmentNumber());
        tags.put("AWS_KINESISVIDEO_SERVER_TIMESTAMP", MkvTags.seconds(fragment.serverTimestamp()));
        tags.put("AWS_KINESISVIDEO_PRODUCER_TIMESTAMP", MkvTags.seconds(fragment.producerTimestamp()));
        tags.put("AWS_KINESISVIDEO_MILLIS_BEHIND_NOW", Long.toString(behind));
        tags.put("AWS_KINESISVIDEO_CONTINUATION_TOKEN", fragment.fragmentNumber());
        return MkvTags.after(mkv, tags);
    }

    /**
     * The tags AWS ends a GetMedia with when it stops on an error: the HTTP status has been sent, so the consumer reads
     * why from the MKV.
     */
    private static void reportError(AwsStreamingResponse.Sink sink, MediaReadError error) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("AWS_KINESISVIDEO_ERROR_CODE", error.description());
        tags.put("AWS_KINESISVIDEO_ERROR_ID", Integer.toString(error.id()));
        try {
            sink.write(MkvTags.after(new byte[0], tags));
        } catch (IOException gone) {
            log.debug("GetMedia: the consumer went before its error could be sent");
        }
    }

    private String latest(StreamView stream) {
        List<FragmentView> all = index.of(stream.id());
        return all.isEmpty() ? "" : all.get(all.size() - 1).fragmentNumber();
    }

    /** The number just before {@code number}, so that a page "after" it starts at it. */
    private static String before(String number) {
        String previous = new BigInteger(number)
                .subtract(BigInteger.ONE)
                .max(BigInteger.ZERO)
                .toString();
        return "0".repeat(Math.max(0, number.length() - previous.length())) + previous;
    }

    private static String required(String value, String name) {
        if (value == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(name + " is required for this StartSelectorType");
        }
        return value;
    }

    /**
     * Sends the 200 and its headers now, before the first bytes of the body: clients wait for them (AWS answers 200 as
     * soon as the request headers are valid), and a quiet stream may write nothing for a long time. An empty write
     * flushes the response without writing a chunk.
     */
    private static void commitHeaders(AwsStreamingResponse.Sink sink) {
        try {
            sink.write(new byte[0]);
        } catch (java.io.IOException e) {
            // the client has gone; the reader finds out on its first write
        }
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }
}
