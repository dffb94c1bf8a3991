package dev.shardline.video.media;

import jakarta.annotation.PreDestroy;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The frames of one stored fragment shown at given times: read from the object store, opened, decoded. Decoding runs
 * on a thread of its own with a time budget, because jcodec can loop without end on a corrupt slice header (it reads
 * zeros past a NAL unit's end): past the budget the frames are MEDIA_ERROR and the decoding thread is stopped.
 */
@Component
class FragmentImages {

    private static final Logger log = LoggerFactory.getLogger(FragmentImages.class);

    /** Every fragment gets this long to decode, and this much more per frame in it. */
    private static final long BUDGET_MILLIS = 5_000;

    private static final long BUDGET_MILLIS_PER_FRAME = 100;

    private final FragmentStore store;
    private final FragmentSeal seal;
    private final ExecutorService decoders = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "getimages-decoder");
        thread.setDaemon(true);
        return thread;
    });

    FragmentImages(FragmentStore store, FragmentSeal seal) {
        this.store = store;
        this.seal = seal;
    }

    /**
     * The pictures at {@code offsetsMillis} (ascending) from the fragment's timestamp, a null entry for each that
     * cannot be decoded; null as a whole when the fragment has gone from the store since it was listed (retention).
     */
    List<BufferedImage> at(FragmentView fragment, List<Long> offsetsMillis) {
        byte[] stored;
        try {
            stored = store.get(fragment.objectKey());
        } catch (NoSuchKeyException e) {
            return null;
        }
        FragmentFrames frames;
        try {
            frames = FragmentFrames.read(seal.open(fragment.objectKey(), stored));
        } catch (FragmentFrames.NotDecodable | RuntimeException e) {
            log.warn("Fragment {} gives no images: {}", fragment.fragmentNumber(), e.getMessage());
            return Collections.nCopies(offsetsMillis.size(), null);
        }
        AtomicReference<Thread> worker = new AtomicReference<>();
        Future<List<BufferedImage>> decoded = decoders.submit(() -> {
            worker.set(Thread.currentThread());
            return FrameDecoder.decode(frames, offsetsMillis);
        });
        long budget = BUDGET_MILLIS + BUDGET_MILLIS_PER_FRAME * frames.frames().size();
        try {
            return decoded.get(budget, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn(
                    "Fragment {} did not decode within {} ms; its frames are MEDIA_ERROR",
                    fragment.fragmentNumber(),
                    budget);
            decoded.cancel(true);
            stop(worker.get());
        } catch (ExecutionException e) {
            log.warn(
                    "Fragment {} does not decode: {}",
                    fragment.fragmentNumber(),
                    e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            decoded.cancel(true);
            throw new IllegalStateException("interrupted while decoding fragment " + fragment.fragmentNumber(), e);
        }
        return Collections.nCopies(offsetsMillis.size(), null);
    }

    /** Ends a decoder caught in a loop: jcodec does not look at interrupts, and Java 17 still stops a thread. */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            log.error("A GetImages decoder thread could not be stopped on this Java version; it keeps a core busy");
        }
    }

    @PreDestroy
    void close() {
        decoders.shutdownNow();
    }
}
