package dev.shardline.video.media;

import dev.shardline.platform.aws.AwsStreamingResponse;
import dev.shardline.platform.aws.AwsWireFormat;
import dev.shardline.video.VideoProperties;
import dev.shardline.video.stream.StreamSelector;
import dev.shardline.video.stream.StreamView;
import dev.shardline.video.stream.VideoStreamService;
import jakarta.annotation.PreDestroy;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Service;

/** PutMedia: opens a session on an ACTIVE stream that reads and acknowledges on a thread of its own. */
@Service
public class PutMediaService {

    private final VideoStreamService streams;
    private final FragmentArchive archive;
    private final VideoProperties properties;
    private final Clock clock;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService sessions = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "putmedia-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "putmedia-idle");
        thread.setDaemon(true);
        return thread;
    });

    PutMediaService(VideoStreamService streams, FragmentArchive archive, VideoProperties properties, Clock clock) {
        this.streams = streams;
        this.archive = archive;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The acknowledgements of one PutMedia call, written while {@code body} is read. Throws (before anything is
     * written) if the stream is not there or not ACTIVE.
     */
    public AwsStreamingResponse open(
            StreamSelector ref, TimecodeType timecodeType, Instant producerStart, InputStream body) {
        StreamView stream = streams.active(ref);
        Instant start = producerStart != null ? producerStart : clock.instant();
        return new AwsStreamingResponse() {
            @Override
            public String contentType() {
                return "application/json";
            }

            @Override
            public Duration timeout() {
                return properties.putMediaTimeout();
            }

            @Override
            public void start(AwsWireFormat wire, Sink sink) {
                commitHeaders(sink);
                PutMediaSession session = new PutMediaSession(stream, timecodeType, start, archive, clock, sink);
                BlockingByteSource source = new BlockingByteSource(
                        body, MkvFragmenter.maxTape(properties.maxFragmentSize().toBytes()));
                long idleNanos = properties.idleAckInterval().toNanos();
                ScheduledFuture<?> idleAcks = idle.scheduleWithFixedDelay(
                        () -> session.idleCheck(idleNanos, source), idleNanos, idleNanos / 2, TimeUnit.NANOSECONDS);
                sink.onClose(() -> idleAcks.cancel(false));
                sessions.execute(() -> {
                    try {
                        session.run(
                                source,
                                properties.maxFragmentSize().toBytes(),
                                properties.maxFragmentDuration().toMillis());
                    } finally {
                        idleAcks.cancel(false);
                    }
                });
            }
        };
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
        idle.shutdownNow();
        sessions.shutdownNow();
    }
}
