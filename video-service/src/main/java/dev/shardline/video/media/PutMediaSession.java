package dev.shardline.video.media;

import dev.shardline.platform.aws.AwsStreamingResponse;
import dev.shardline.video.media.MkvFragmenter.MkvFragment;
import dev.shardline.video.stream.StreamView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PutMedia connection: reads the MKV while it arrives and acknowledges each fragment on the same response,
 * BUFFERING at its first bytes, RECEIVED at its last, PERSISTED once it is in the object store and the index (only for
 * streams that retain data). The first refusal is an ERROR acknowledgement and ends the connection; fragments
 * acknowledged before it stay as they are, and the refused one is not indexed.
 */
final class PutMediaSession implements MkvFragmenter.Listener {

    private static final Logger log = LoggerFactory.getLogger(PutMediaSession.class);

    private final StreamView stream;
    private final TimecodeType timecodeType;
    private final Instant producerStart;
    private final FragmentArchive archive;
    private final Clock clock;
    private final AwsStreamingResponse.Sink sink;

    private Long currentTimecode;
    private String currentNumber;
    private Instant currentProducerTime;
    private Instant currentServerTime;
    private Instant previousProducerTime;
    private volatile long lastAckNanos = System.nanoTime();

    PutMediaSession(
            StreamView stream,
            TimecodeType timecodeType,
            Instant producerStart,
            FragmentArchive archive,
            Clock clock,
            AwsStreamingResponse.Sink sink) {
        this.stream = stream;
        this.timecodeType = timecodeType;
        this.producerStart = producerStart;
        this.archive = archive;
        this.clock = clock;
        this.sink = sink;
    }

    /** Reads the stream to its end (or its first refusal) and ends the response. */
    void run(BlockingByteSource source, long maxFragmentBytes, long maxFragmentMillis) {
        try {
            new MkvFragmenter(source, this, maxFragmentBytes, maxFragmentMillis).run();
        } catch (FragmentRejected e) {
            log.info("PutMedia to {} refused: {} ({})", stream.name(), e.error(), e.getMessage());
            send(Ack.error(currentTimecode, currentNumber, e.error()));
        } catch (UncheckedIOException e) {
            log.debug("PutMedia to {} stopped reading: {}", stream.name(), e.getMessage());
            send(Ack.error(currentTimecode, currentNumber, AckError.STREAM_READ_ERROR));
        } catch (RuntimeException e) {
            log.error("PutMedia to {} failed", stream.name(), e);
            send(Ack.error(currentTimecode, currentNumber, AckError.INTERNAL_ERROR));
        } finally {
            sink.complete();
        }
    }

    @Override
    public void fragmentStarted(long timecodeMillis) {
        Instant producerTime = timecodeType == TimecodeType.ABSOLUTE
                ? Instant.ofEpochMilli(timecodeMillis)
                : producerStart.plusMillis(timecodeMillis);
        currentTimecode = timecodeMillis;
        currentServerTime = clock.instant();
        currentNumber = archive.nextNumber(currentServerTime);
        if (previousProducerTime != null && producerTime.isBefore(previousProducerTime)) {
            throw new FragmentRejected(
                    AckError.FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS,
                    "fragment at " + producerTime + " after one at " + previousProducerTime);
        }
        currentProducerTime = producerTime;
        send(Ack.of("BUFFERING", timecodeMillis, currentNumber));
    }

    @Override
    public void fragmentComplete(MkvFragment fragment) {
        send(Ack.of("RECEIVED", fragment.timecodeMillis(), currentNumber));
        previousProducerTime = currentProducerTime;
        if (stream.dataRetentionInHours() == 0) {
            return; // AWS keeps nothing for such a stream, and sends no PERSISTED
        }
        archive.archive(stream, currentNumber, currentProducerTime, currentServerTime, fragment);
        send(Ack.of("PERSISTED", fragment.timecodeMillis(), currentNumber));
    }

    /** An IDLE acknowledgement if nothing was acknowledged for {@code idleNanos}: the producer knows we are here. */
    void idleCheck(long idleNanos, BlockingByteSource source) {
        long now = System.nanoTime();
        if (now - lastAckNanos >= idleNanos && now - source.lastReceivedNanos() >= idleNanos) {
            send(Ack.idle());
        }
    }

    private synchronized void send(Ack ack) {
        lastAckNanos = System.nanoTime();
        try {
            sink.write(ack.line());
        } catch (IOException e) {
            log.debug("PutMedia to {}: the producer has gone ({})", stream.name(), e.getMessage());
        }
    }
}
