package dev.shardline.bench;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A camera for trying the video service by hand: sends a generated H.264 test pattern (640×352, 25 frames a second,
 * one fragment a second, about 2 Mbit/s) to one stream at real time over AWS's PutMedia wire, and prints how many
 * fragments were acknowledged PERSISTED. Run by {@code bench/video-producer.sh STREAM [SECONDS]}.
 */
final class VideoTestPattern {

    private static final int FPS = 25;

    private VideoTestPattern() {}

    public static void main(String[] args) throws Exception {
        String endpoint = "http://127.0.0.1:4566";
        String stream = null;
        int seconds = 60;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--endpoint" -> endpoint = args[i + 1];
                case "--stream" -> stream = args[i + 1];
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (stream == null) {
            throw new IllegalArgumentException("--stream is required");
        }
        URI uri = URI.create(endpoint);
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        VideoMedia media = VideoMedia.make(FPS, 2_000_000);
        long frameNanos = TimeUnit.SECONDS.toNanos(1) / FPS;
        System.err.printf(
                "sending %d s of test pattern (%.2f Mbit/s) to stream %s at %s%n",
                seconds, media.bitsPerSecond() / 1e6, stream, endpoint);
        try (VideoProducer producer = new VideoProducer(uri.getHost(), port, stream)) {
            producer.send(media.header());
            long next = System.nanoTime();
            for (int second = 0; second < seconds && producer.errors.get() == 0; second++) {
                long timecode = System.currentTimeMillis();
                List<byte[]> pieces = media.fragment(timecode);
                for (int i = 0; i < pieces.size(); i++) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    producer.sendPiece(timecode, pieces, i);
                    next += frameNanos;
                }
                System.err.printf("\r%d s sent, %d fragments PERSISTED", second + 1, producer.persisted.get());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (producer.unacknowledged() > 0 && producer.errors.get() == 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            System.err.printf("\r%d fragments PERSISTED%n", producer.persisted.get());
            if (producer.errors.get() > 0) {
                System.err.println("the server answered: " + producer.firstError);
                System.exit(1);
            }
            try {
                producer.finish();
            } catch (java.io.IOException e) {
                // the server may already have ended the connection
            }
        }
    }
}
