package dev.shardline.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.video.VideoIntegrationTest;
import dev.shardline.video.media.TestMkv.Clip;
import dev.shardline.video.media.TestMkv.Frame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Format;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FormatConfigKey;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.GetImagesRequest;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.GetImagesResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Image;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ImageError;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ImageSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.NoDataRetentionException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ResourceNotFoundException;

/**
 * GetImages through the official KinesisVideoArchivedMediaClient, over H.264 made in the test whose frames can be told
 * apart: frame {@code i} is grey at level {@link #level(int)} on its left half and red on its right half.
 */
class GetImagesTest extends VideoIntegrationTest {

    private static final long START = 1_764_770_400_000L; // 2025-12-03T14:00:00Z
    private static final long GAP_END = START + 5000;
    private static final int LEVEL_STEP = 5;

    /** An account of its own: the streams made here do not count against the other classes' stream limit. */
    private static final String IMAGES_ACCOUNT = "111122223333";

    private static Clip clip;

    @BeforeAll
    static void encode() {
        clip = TestMkv.h264(40, 10, GetImagesTest::paint);
    }

    @Test
    void jpegImagesShowTheFrameAtEachSampleTimeScaledToTheRequestedWidth() throws Exception {
        String name = streamWithAGap();

        GetImagesResponse response = images().getImages(request(name, 0, 6000, 250)
                .format(Format.JPEG)
                .formatConfig(Map.of(FormatConfigKey.JPEG_QUALITY, "95"))
                .widthPixels(32)
                .build());

        assertThat(response.nextToken()).isNull();
        List<Image> images = response.images();
        assertThat(images).hasSize(25);
        for (int k = 0; k < images.size(); k++) {
            long t = k * 250L;
            Image image = images.get(k);
            assertThat(image.timeStamp()).isEqualTo(Instant.ofEpochMilli(START + t));
            Integer frame = expectedFrame(t);
            if (frame == null) {
                assertThat(image.error()).as("at +%d ms", t).isEqualTo(ImageError.NO_MEDIA);
                assertThat(image.imageContent()).isNull();
            } else {
                assertThat(image.error()).as("at +%d ms", t).isNull();
                BufferedImage decoded = decode(image);
                assertThat(decoded.getWidth()).isEqualTo(32);
                assertThat(decoded.getHeight()).isEqualTo(24); // the frame's 4:3 kept
                assertShows(decoded, frame, "at +" + t + " ms");
            }
        }
    }

    @Test
    void pngImagesAreStretchedToWidthAndHeightAndSelectedByServerTimestamp() throws Exception {
        String name = streamWithAGap();
        KinesisVideoArchivedMediaClient archive = images();
        // the last fragment to arrive: no later server timestamp covers the time sampled in it
        Instant last = archive.listFragments(r -> r.streamName(name)).fragments().stream()
                .filter(f -> f.producerTimestamp().equals(Instant.ofEpochMilli(GAP_END)))
                .findFirst()
                .orElseThrow()
                .serverTimestamp();

        GetImagesResponse response = archive.getImages(r -> r.streamName(name)
                .imageSelectorType(ImageSelectorType.SERVER_TIMESTAMP)
                .startTimestamp(last.plusMillis(450))
                .endTimestamp(last.plusMillis(450))
                .samplingInterval(200)
                .format(Format.PNG)
                .widthPixels(96)
                .heightPixels(48));

        assertThat(response.images()).singleElement().satisfies(image -> {
            assertThat(image.timeStamp()).isEqualTo(last.plusMillis(450));
            BufferedImage decoded = decode(image);
            assertThat(decoded.getWidth()).isEqualTo(96);
            assertThat(decoded.getHeight()).isEqualTo(48);
            assertShows(decoded, 34, "frame 4 of the last fragment");
        });
        assertThat(archive.getImages(r -> r.streamName(name)
                                .imageSelectorType(ImageSelectorType.SERVER_TIMESTAMP)
                                .startTimestamp(last.minusSeconds(120))
                                .endTimestamp(last.minusSeconds(120))
                                .format(Format.PNG))
                        .images())
                .extracting(Image::error)
                .containsExactly(ImageError.NO_MEDIA);
    }

    @Test
    void pagesFollowTheNextTokenUntilTheEndTimestamp() throws Exception {
        String name = streamWithAGap();
        KinesisVideoArchivedMediaClient archive = images();
        List<Image> all = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetImagesResponse page = archive.getImages(request(name, 0, 6000, 250)
                    .format(Format.JPEG)
                    .maxResults(10L)
                    .nextToken(next)
                    .build());
            all.addAll(page.images());
            pageSizes.add(page.images().size());
            token = page.nextToken();
        } while (token != null);

        assertThat(pageSizes).containsExactly(10, 10, 5);
        for (int k = 0; k < all.size(); k++) {
            assertThat(all.get(k).timeStamp()).isEqualTo(Instant.ofEpochMilli(START + k * 250L));
        }
        assertShows(decode(all.get(12)), 29, "+3000 ms, the last frame before the gap");
        assertShows(decode(all.get(20)), 30, "+5000 ms, the first frame after it");
        assertThat(archive
                        .getImagesPaginator(request(name, 0, 6000, 250)
                                .format(Format.JPEG)
                                .maxResults(7L)
                                .build())
                        .images()
                        .stream()
                        .count())
                .isEqualTo(25);
    }

    @Test
    void framesThatCannotBeDecodedAreMediaErrorsAndTheOthersStillDecode() throws Exception {
        String name = uniqueName("img-bad");
        activeStream(video(IMAGES_ACCOUNT), name, 1);
        put(
                name,
                List.of(
                        clip.frames().subList(0, 10),
                        withKeyFrameFilled(clip.frames().subList(10, 20), (byte) 0x00),
                        withKeyFrameFilled(clip.frames().subList(20, 30), (byte) 0xFF),
                        clip.frames().subList(31, 40))); // no key frame

        List<Image> images = images().getImages(
                        request(name, 0, 3999, 500).format(Format.PNG).build())
                .images();

        assertThat(images)
                .extracting(Image::error)
                .containsExactly(
                        null,
                        null,
                        ImageError.MEDIA_ERROR,
                        ImageError.MEDIA_ERROR,
                        ImageError.MEDIA_ERROR, // jcodec loops on this slice header: stopped after its time budget
                        ImageError.MEDIA_ERROR,
                        ImageError.MEDIA_ERROR,
                        ImageError.MEDIA_ERROR);
        assertShows(decode(images.get(1)), 5, "+500 ms in the intact fragment");
        assertThat(images().getImages(
                                request(name, 0, 0, 500).format(Format.PNG).build())
                        .images())
                .extracting(Image::error)
                .containsExactly((ImageError) null); // the stopped decoder held nothing back
    }

    /** The frames with the first (key) frame's slice data replaced by {@code fill}. */
    private static List<Frame> withKeyFrameFilled(List<Frame> frames, byte fill) {
        List<Frame> broken = new ArrayList<>(frames);
        byte[] garbage = broken.get(0).avcc().clone();
        java.util.Arrays.fill(garbage, 5, garbage.length, fill);
        broken.set(0, new Frame(garbage, true));
        return broken;
    }

    @Test
    void refusesWhatAwsRefuses() throws Exception {
        String name = uniqueName("img-err");
        activeStream(video(IMAGES_ACCOUNT), name, 1);
        KinesisVideoArchivedMediaClient archive = images();

        assertThatThrownBy(() -> archive.getImages(request(uniqueName("none"), 0, 1000, 500)
                        .format(Format.JPEG)
                        .build()))
                .isInstanceOf(ResourceNotFoundException.class);
        String noRetention = uniqueName("img-zero");
        activeStream(video(IMAGES_ACCOUNT), noRetention, 0);
        assertThatThrownBy(() -> archive.getImages(
                        request(noRetention, 0, 1000, 500).format(Format.JPEG).build()))
                .isInstanceOf(NoDataRetentionException.class);

        List<Consumer<GetImagesRequest.Builder>> invalid = List.of(
                r -> r.samplingInterval(199),
                r -> r.endTimestamp(Instant.ofEpochMilli(START + 300_001)),
                r -> r.startTimestamp(Instant.ofEpochMilli(START + 2000)),
                r -> r.formatConfig(Map.of(FormatConfigKey.JPEG_QUALITY, "0")),
                r -> r.formatConfig(Map.of(FormatConfigKey.JPEG_QUALITY, "best")),
                r -> r.maxResults(101L),
                r -> r.widthPixels(3841),
                r -> r.nextToken(Base64.getEncoder().encodeToString("12".getBytes())),
                r -> r.streamName(null).streamARN(null));
        for (Consumer<GetImagesRequest.Builder> change : invalid) {
            GetImagesRequest.Builder builder = request(name, 0, 1000, 500).format(Format.JPEG);
            change.accept(builder);
            assertThatThrownBy(() -> archive.getImages(builder.build())).isInstanceOf(InvalidArgumentException.class);
        }
        assertThat(archive.getImages(request(name, 0, 300_000, 200_000)
                                .format(Format.JPEG)
                                .build())
                        .images())
                .extracting(Image::error)
                .containsExactly(ImageError.NO_MEDIA, ImageError.NO_MEDIA);
    }

    /** The frame index shown at {@code t} ms after START in {@link #streamWithAGap()}, or null in its gap. */
    private static Integer expectedFrame(long t) {
        if (t <= 3000) {
            return (int) Math.min(29, t / 100);
        }
        if (t < 5000) {
            return null;
        }
        return (int) Math.min(39, 30 + (t - 5000) / 100);
    }

    /** Fragments at START, +1 s and +2 s (frames 0-29), none from +3 s to +5 s, then one at +5 s (frames 30-39). */
    private String streamWithAGap() throws Exception {
        String name = uniqueName("img");
        activeStream(video(IMAGES_ACCOUNT), name, 1);
        put(
                name,
                List.of(
                        clip.frames().subList(0, 10),
                        clip.frames().subList(10, 20),
                        clip.frames().subList(20, 30)));
        try (PutMediaClient producer = new PutMediaClient(
                port,
                IMAGES_ACCOUNT,
                Map.of("x-amzn-stream-name", name, "x-amzn-fragment-timecode-type", "ABSOLUTE"))) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            producer.send(TestMkv.cluster(GAP_END, clip.frames().subList(30, 40), 100));
            producer.finish();
            assertThat(producer.acksUntilEnd(Duration.ofSeconds(20)))
                    .filteredOn(a -> a.get("EventType").asString().equals("PERSISTED"))
                    .hasSize(1);
        }
        return name;
    }

    /** Puts one fragment per list of frames, a second apart from START, each frame 100 ms long. */
    private void put(String name, List<List<Frame>> fragments) throws Exception {
        try (PutMediaClient producer = new PutMediaClient(
                port,
                IMAGES_ACCOUNT,
                Map.of("x-amzn-stream-name", name, "x-amzn-fragment-timecode-type", "ABSOLUTE"))) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            for (int i = 0; i < fragments.size(); i++) {
                producer.send(TestMkv.cluster(START + i * 1000L, fragments.get(i), 100));
            }
            producer.finish();
            assertThat(producer.acksUntilEnd(Duration.ofSeconds(20)))
                    .filteredOn(a -> a.get("EventType").asString().equals("PERSISTED"))
                    .hasSize(fragments.size());
        }
    }

    private KinesisVideoArchivedMediaClient images() {
        return KinesisVideoArchivedMediaClient.builder()
                .endpointOverride(endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(IMAGES_ACCOUNT, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static GetImagesRequest.Builder request(String name, long fromMillis, long toMillis, int interval) {
        return GetImagesRequest.builder()
                .streamName(name)
                .imageSelectorType(ImageSelectorType.PRODUCER_TIMESTAMP)
                .startTimestamp(Instant.ofEpochMilli(START + fromMillis))
                .endTimestamp(Instant.ofEpochMilli(START + toMillis))
                .samplingInterval(interval);
    }

    private static BufferedImage decode(Image image) throws Exception {
        assertThat(image.imageContent()).isNotNull();
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image.imageContent())));
    }

    /**
     * Frame {@code frame}'s grey in the left half (the mean of R, G and B over 4×4 pixels in its middle, within half
     * the step between two frames' greys), red in the middle of the right half.
     */
    private static void assertShows(BufferedImage image, int frame, String where) {
        double sum = 0;
        int x0 = image.getWidth() / 4 - 2;
        int y0 = image.getHeight() / 2 - 2;
        for (int y = y0; y < y0 + 4; y++) {
            for (int x = x0; x < x0 + 4; x++) {
                int rgb = image.getRGB(x, y);
                sum += ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
            }
        }
        double grey = sum / 48;
        double expected = (level(frame) - 16) * 255.0 / 219; // H.264 luma is studio range (16-235)
        assertThat(grey)
                .as("left half %s: frame %d", where, frame)
                .isBetween(expected - LEVEL_STEP * 255.0 / 219 / 2, expected + LEVEL_STEP * 255.0 / 219 / 2);
        int red = image.getRGB(image.getWidth() * 3 / 4, image.getHeight() / 2);
        assertThat((red >> 16) & 0xFF).as("right half %s is red", where).isGreaterThan(200);
        assertThat((red >> 8) & 0xFF).isLessThan(60);
        assertThat(red & 0xFF).isLessThan(60);
    }

    private static int level(int frame) {
        return 20 + frame * LEVEL_STEP;
    }

    /** Frame {@code i}: grey {@link #level(int)} on the left half, red (full-range YCbCr 76, 85, 255) on the right. */
    private static Picture paint(int i) {
        Picture picture = Picture.create(TestMkv.WIDTH, TestMkv.HEIGHT, ColorSpace.YUV420J);
        paintPlane(picture.getPlaneData(0), TestMkv.WIDTH, level(i) - 128, 76 - 128);
        paintPlane(picture.getPlaneData(1), TestMkv.WIDTH / 2, 0, 85 - 128);
        paintPlane(picture.getPlaneData(2), TestMkv.WIDTH / 2, 0, 127);
        return picture;
    }

    private static void paintPlane(byte[] plane, int width, int left, int right) {
        for (int p = 0; p < plane.length; p++) {
            plane[p] = (byte) (p % width < width / 2 ? left : right);
        }
    }
}
