package dev.shardline.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shardline.video.VideoIntegrationTest;
import dev.shardline.video.media.TestMkv.Clip;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The player page: its REST session endpoint and scripts, and the page in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromedriver}) plays a
 * LIVE stream through hls.js while a producer sends, and the video element's clock advances. A screenshot is kept
 * under {@code target/} as an artifact. Skipped only where no Chromium is installed.
 */
class PlayerPageBrowserTest extends VideoIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    // the REST session endpoint serves the default account and region (shardline.aws.*)
    private static final String DEFAULT_ACCOUNT = "000000000000";
    private static final String DEFAULT_REGION = "us-east-1";

    @Test
    void thePlayerPagePlaysALiveStreamWhileTheProducerSends() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no Chromium here (CI installs Debian's chromium and chromium-driver)");
        String name = uniqueName("player");
        activeStream(defaultAccountVideo(), name, 1);
        Clip clip = TestMkv.h264(30, 10);
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> produce(name, clip, sending, failure), "live-producer");
        producer.start();

        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--disable-gpu",
                        "--autoplay-policy=no-user-gesture-required",
                        "--window-size=900,700");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            // a LIVE session needs a fragment persisted in the last 30 s: load the page again until it has one
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        browser.get(endpoint() + "/video/player.html?stream=" + name + "&mode=LIVE");
                        await().atMost(Duration.ofSeconds(20))
                                .until(() -> !String.valueOf(
                                                script(browser, "return document.getElementById('status').textContent"))
                                        .startsWith("Starting"));
                        assertThat(script(browser, "return document.getElementById('status').className"))
                                .as(
                                        "status: %s",
                                        script(browser, "return document.getElementById('status').textContent"))
                                .isEqualTo("");
                    });
            double[] firstSeen = {-1};
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        assertThat(failure.get()).isNull();
                        assertThat(script(browser, "return document.getElementById('status').className"))
                                .as(
                                        "status: %s",
                                        script(browser, "return document.getElementById('status').textContent"))
                                .isEqualTo("");
                        double now = ((Number) script(browser, "return document.getElementById('video').currentTime"))
                                .doubleValue();
                        if (firstSeen[0] < 0 && now > 0) {
                            firstSeen[0] = now;
                        }
                        assertThat(firstSeen[0]).isPositive();
                        assertThat(now).isGreaterThan(firstSeen[0] + 2.0); // it keeps playing as fragments arrive
                    });
            assertThat(script(browser, "return document.getElementById('video').videoWidth"))
                    .isEqualTo(64L);
            Path screenshot = Path.of("target", "player-live.png");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
            sending.set(false);
            producer.join(10_000);
        }
    }

    @Test
    void theRestSessionEndpointAndThePagesScriptsAreServed() throws Exception {
        String name = uniqueName("rest");
        activeStream(defaultAccountVideo(), name, 1);
        Clip clip = TestMkv.h264(10, 10);
        try (PutMediaClient client = new PutMediaClient(
                port,
                DEFAULT_ACCOUNT,
                DEFAULT_REGION,
                Map.of("x-amzn-stream-name", name, "x-amzn-fragment-timecode-type", "ABSOLUTE"))) {
            client.send(TestMkv.header(clip.codecPrivate()));
            client.send(TestMkv.cluster(1_764_770_400_000L, clip.frames(), 100)); // 2025-12-03T14:00:00Z
            client.finish();
            assertThat(client.acksUntilEnd(Duration.ofSeconds(20)))
                    .filteredOn(a -> a.get("EventType").asString().equals("PERSISTED"))
                    .hasSize(1);
        }
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> session = http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + "/v1/video-streams/" + name
                                + "/hls-session?mode=ON_DEMAND&start=2025-12-03T14:00:00Z&end=2025-12-03T14:00:05Z"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).isEqualTo(200);
        String url = JsonMapper.shared().readTree(session.body()).get("url").asString();
        assertThat(url).contains("/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=");
        String master = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        String mediaUrl = URI.create(url)
                .resolve(master.strip().lines().reduce((a, b) -> b).orElseThrow())
                .toString();
        String media = http.send(
                        HttpRequest.newBuilder(URI.create(mediaUrl)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(media).contains("#EXTINF:1.000,").endsWith("#EXT-X-ENDLIST\n");

        HttpResponse<String> unknown = http.send(
                HttpRequest.newBuilder(
                                URI.create(endpoint() + "/v1/video-streams/" + uniqueName("none") + "/hls-session"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));

        String page = http.send(
                        HttpRequest.newBuilder(URI.create(endpoint() + "/video/player.html"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher script = Pattern.compile("<script src=\"(/webjars/[^\"]+)\"").matcher(page);
        assertThat(script.find()).isTrue();
        HttpResponse<String> hlsJs = http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + script.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(hlsJs.statusCode())
                .as("the page's hls.js version is the WebJar's")
                .isEqualTo(200);
    }

    /** One fragment a second, timestamped now, as a camera sends: the clip's three key-frame groups in turn. */
    private void produce(String name, Clip clip, AtomicBoolean sending, AtomicReference<Throwable> failure) {
        try (PutMediaClient client = new PutMediaClient(
                port,
                DEFAULT_ACCOUNT,
                DEFAULT_REGION,
                Map.of("x-amzn-stream-name", name, "x-amzn-fragment-timecode-type", "ABSOLUTE"))) {
            client.send(TestMkv.header(clip.codecPrivate()));
            long next = System.currentTimeMillis();
            for (int i = 0; sending.get() && i < 120; i++) {
                int group = i % 3;
                client.send(TestMkv.cluster(next, clip.frames().subList(group * 10, group * 10 + 10), 100));
                next += 1000;
                long wait = next - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait); // a camera's pace: one second of media per second
                }
            }
            client.finish();
        } catch (Exception e) {
            failure.set(e);
        }
    }

    private KinesisVideoClient defaultAccountVideo() {
        return KinesisVideoClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(DEFAULT_REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(DEFAULT_ACCOUNT, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static Object script(ChromeDriver browser, String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }
}
