package dev.shardline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kinesis Video Streams ingest (bench/video.sh): how many producers of {@code --bitrate} H.264 at real time one
 * Shardline server takes with every fragment PERSISTED. Each producer is a camera on its own stream and PutMedia
 * connection, sending one frame every 1/fps s and a fragment (one key frame interval) per second. The count is ramped
 * step by step; a step keeps real time when every fragment sent in it is acknowledged PERSISTED, none later than one
 * fragment's duration after its last byte went out (p99), no ERROR came, and no producer fell a fragment behind its
 * own clock. Prints a RESULT line per step and one for the largest step that kept real time. Then one camera for
 * {@code --playlist-seconds} while a watcher reloads a LIVE HLS media playlist: how soon each fragment is listed after
 * its last byte (a RESULT line {@code video-hls-live}).
 */
public final class VideoBench {

    private static final String ACCOUNT = "000000000000";

    private final URI endpoint;
    private final String name;
    private final HttpClient http = HttpClient.newHttpClient();

    private VideoBench(URI endpoint, String name) {
        this.endpoint = endpoint;
        this.name = name;
    }

    record Step(
            int producers,
            long fragments,
            long unacknowledged,
            long errors,
            double ingestMBps,
            double p50,
            double p99,
            long maxSendLagMillis,
            boolean keptUp) {}

    public static void main(String[] args) throws Exception {
        String endpoint = "http://127.0.0.1:4566";
        String name = "shardline";
        int[] steps = {1, 2, 4, 8, 12, 16, 24, 32, 48, 64};
        int stepSeconds = 10;
        long bitrate = 2_000_000;
        int fps = 25;
        int playlistSeconds = 30;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--endpoint" -> endpoint = args[i + 1];
                case "--name" -> name = args[i + 1];
                case "--steps" ->
                    steps = Arrays.stream(args[i + 1].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray();
                case "--step-seconds" -> stepSeconds = Integer.parseInt(args[i + 1]);
                case "--bitrate" -> bitrate = Long.parseLong(args[i + 1]);
                case "--fps" -> fps = Integer.parseInt(args[i + 1]);
                case "--playlist-seconds" -> playlistSeconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new VideoBench(URI.create(endpoint), name).run(steps, stepSeconds, bitrate, fps, playlistSeconds);
    }

    private void run(int[] steps, int stepSeconds, long bitrate, int fps, int playlistSeconds) throws Exception {
        VideoMedia media = VideoMedia.make(fps, bitrate);
        BenchLog.info(String.format(
                "video: %dx%d H.264 (jcodec), %d fps, one fragment per second, %.2f Mbit/s",
                VideoMedia.WIDTH, VideoMedia.HEIGHT, fps, media.bitsPerSecond() / 1e6));
        Step best = null;
        int created = 0;
        for (int producers : steps) {
            if (producers == 0) {
                continue; // --steps 0: the playlist phase alone
            }
            for (; created < producers; created++) {
                createStream("bench-video-" + created);
            }
            Step step = step(media, producers, stepSeconds);
            System.out.println(Result.of(name, "video-step")
                    .add("producers", producers)
                    .add("fragments", step.fragments())
                    .add("unacknowledged", step.unacknowledged())
                    .add("errors", step.errors())
                    .add("ingest_mb_s", step.ingestMBps())
                    .add("persisted_p50_ms", step.p50())
                    .add("persisted_p99_ms", step.p99())
                    .add("max_send_lag_ms", step.maxSendLagMillis())
                    .add("kept_up", Boolean.toString(step.keptUp()))
                    .line());
            if (!step.keptUp()) {
                break;
            }
            best = step;
        }
        playlist(media, playlistSeconds);
        Result result = Result.of(name, "video").add("mbit_s_per_producer", media.bitsPerSecond() / 1e6);
        if (best != null) {
            result.add("producers", best.producers())
                    .add("ingest_mb_s", best.ingestMBps())
                    .add("persisted_p50_ms", best.p50())
                    .add("persisted_p99_ms", best.p99());
        } else {
            result.add("producers", 0);
        }
        System.out.println(result.line());
    }

    /** {@code count} producers for {@code seconds}, then a grace period for the last acknowledgements. */
    private Step step(VideoMedia media, int count, int seconds) throws Exception {
        List<VideoProducer> producers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong maxLag = new AtomicLong();
        long frameNanos = 1_000_000_000L / media.fps;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            VideoProducer producer = new VideoProducer(endpoint.getHost(), endpoint.getPort(), "bench-video-" + i);
            producers.add(producer);
            long phase = start + 1_000_000_000L * i / count; // cameras do not cut fragments in step
            Thread thread = new Thread(() -> camera(producer, media, phase, frameNanos, stop, maxLag), "camera-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        long sentEnd = System.nanoTime();
        long graceEnd = sentEnd + 3_000_000_000L;
        while (System.nanoTime() < graceEnd
                && producers.stream().mapToInt(VideoProducer::unacknowledged).sum() > 0) {
            Thread.sleep(20);
        }
        LongList latencies = new LongList();
        long persisted = 0;
        long bytes = 0;
        long unacknowledged = 0;
        long errors = 0;
        for (VideoProducer producer : producers) {
            producer.drainLatencies(latencies);
            persisted += producer.persisted.get();
            bytes += producer.persistedBytes.get();
            unacknowledged += producer.unacknowledged();
            errors += producer.errors.get();
            if (producer.firstError != null) {
                BenchLog.warnSometimes("ERROR acknowledgement: " + producer.firstError);
            }
            try {
                producer.finish();
            } catch (java.io.IOException e) {
                // the server may have ended the connection after an error
            }
            producer.close();
        }
        long[] sorted = latencies.toSortedArray();
        double p50 = percentileMillis(sorted, 50);
        double p99 = percentileMillis(sorted, 99);
        double seconds1 = (sentEnd - start) / 1e9;
        boolean keptUp = unacknowledged == 0 && errors == 0 && persisted > 0 && p99 <= 1000 && maxLag.get() < 1000;
        return new Step(
                count,
                persisted + unacknowledged,
                unacknowledged,
                errors,
                bytes / 1e6 / seconds1,
                p50,
                p99,
                maxLag.get(),
                keptUp);
    }

    /**
     * How soon a fragment is in a LIVE HLS media playlist: one camera for {@code seconds} while a watcher, as a player
     * that reloads as often as it can, fetches the session's media playlist every 20 ms and notes when each fragment
     * number first appears; the delay counts from the fragment's last byte (and from its PERSISTED acknowledgement).
     */
    private void playlist(VideoMedia media, int seconds) throws Exception {
        if (seconds <= 0) {
            return;
        }
        String stream = "bench-video-hls";
        createStream(stream);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong maxLag = new AtomicLong();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        try (VideoProducer producer = new VideoProducer(endpoint.getHost(), endpoint.getPort(), stream)) {
            Thread camera = new Thread(
                    () -> camera(producer, media, System.nanoTime(), 1_000_000_000L / media.fps, stop, maxLag),
                    "camera-hls");
            camera.setDaemon(true);
            camera.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (producer.lastByteByNumber.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20); // LIVE needs a fragment persisted in the last 30 s
            }
            String session = call(
                            "/getHLSStreamingSessionURL",
                            "{\"StreamName\":\"" + stream
                                    + "\",\"PlaybackMode\":\"LIVE\",\"MaxMediaPlaylistFragmentResults\":5}")
                    .body();
            Matcher url =
                    Pattern.compile("\"HLSStreamingSessionURL\":\"([^\"]+)\"").matcher(session);
            if (!url.find()) {
                throw new IllegalStateException("GetHLSStreamingSessionURL: " + session);
            }
            URI master = URI.create(url.group(1));
            URI mediaPlaylist = master.resolve(lastLine(get(master)));
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            Pattern number = Pattern.compile("FragmentNumber=(\\d+)");
            while (System.nanoTime() < end) {
                String playlist = get(mediaPlaylist);
                long now = System.nanoTime();
                Matcher m = number.matcher(playlist);
                while (m.find()) {
                    seen.putIfAbsent(m.group(1), now);
                }
                Thread.sleep(20);
            }
            stop.set(true);
            camera.join(10_000);
            LongList fromLastByte = new LongList();
            producer.lastByteByNumber.forEach((fragment, lastByte) -> {
                Long appeared = seen.get(fragment);
                if (appeared != null) {
                    fromLastByte.add(appeared - lastByte);
                }
            });
            long[] sorted = fromLastByte.toSortedArray();
            System.out.println(Result.of(name, "video-hls-live")
                    .add("fragments", sorted.length)
                    .add("last_byte_to_playlist_p50_ms", percentileMillis(sorted, 50))
                    .add("last_byte_to_playlist_p99_ms", percentileMillis(sorted, 99))
                    .add("poll_interval_ms", 20)
                    .line());
            producer.finish();
        }
    }

    private String get(URI uri) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** One camera: a frame every {@code frameNanos} from {@code phase}, whole fragments only, until {@code stop}. */
    private static void camera(
            VideoProducer producer,
            VideoMedia media,
            long phase,
            long frameNanos,
            AtomicBoolean stop,
            AtomicLong maxLag) {
        try {
            sleepUntil(phase);
            producer.send(media.header());
            long next = System.nanoTime();
            while (!stop.get()) {
                long timecode = System.currentTimeMillis();
                List<byte[]> pieces = media.fragment(timecode);
                for (int i = 0; i < pieces.size(); i++) {
                    sleepUntil(next);
                    long lag = (System.nanoTime() - next) / 1_000_000;
                    maxLag.accumulateAndGet(lag, Math::max);
                    producer.sendPiece(timecode, pieces, i);
                    next += frameNanos;
                }
            }
        } catch (Exception e) {
            BenchLog.warnSometimes("producer failed: " + e);
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static double percentileMillis(long[] sortedNanos, double percentile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }

    private void createStream(String stream) throws Exception {
        HttpResponse<String> created =
                call("/createStream", "{\"StreamName\":\"" + stream + "\",\"DataRetentionInHours\":1}");
        if (created.statusCode() != 200 && !created.body().contains("ResourceInUseException")) {
            throw new IllegalStateException(
                    "CreateStream " + stream + ": " + created.statusCode() + " " + created.body());
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!call("/describeStream", "{\"StreamName\":\"" + stream + "\"}")
                .body()
                .contains("\"ACTIVE\"")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(stream + " did not become ACTIVE");
            }
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> call(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path))
                .header("Content-Type", "application/json")
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=" + ACCOUNT
                                + "/20260101/us-east-1/kinesisvideo/aws4_request, SignedHeaders=host, Signature=0")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
