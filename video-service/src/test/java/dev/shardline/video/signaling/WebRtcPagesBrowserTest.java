package dev.shardline.video.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shardline.video.VideoIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WebRTC demo pages in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromedriver}) with
 * a fake camera opens the master page and the viewer page of one signaling channel; they signal through Shardline's
 * WebSocket and the viewer's video element plays the master's camera. The viewer page's own timings (signaling round
 * trip, first frame) are logged, and a screenshot is kept under {@code target/}. Skipped only where no Chromium is
 * installed. The REST endpoints the pages call are checked without a browser.
 */
class WebRtcPagesBrowserTest extends VideoIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(WebRtcPagesBrowserTest.class);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    // the pages' REST endpoint serves the default account and region (shardline.aws.*)
    private static final String DEFAULT_ACCOUNT = "000000000000";
    private static final String DEFAULT_REGION = "us-east-1";

    @Test
    void theViewerPagePlaysTheMasterPagesCameraThroughTheSignalingChannel() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no Chromium here (CI installs Debian's chromium and chromium-driver)");
        String name = uniqueName("webrtc");
        defaultAccountVideo().createSignalingChannel(r -> r.channelName(name));

        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--disable-gpu",
                        "--use-fake-device-for-media-stream",
                        "--use-fake-ui-for-media-stream",
                        "--autoplay-policy=no-user-gesture-required",
                        "--window-size=900,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(endpoint() + "/video/webrtc-master.html?channel=" + name);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(script(browser, "return window.shardline.connected === true"))
                            .as("master status: %s", status(browser))
                            .isEqualTo(true));
            assertThat(script(browser, "return window.shardline.source")).isEqualTo("camera");

            browser.switchTo().newWindow(WindowType.TAB);
            browser.get(endpoint() + "/video/webrtc-viewer.html?channel=" + name + "&clientId=viewer-1");
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        assertThat(script(browser, "return document.getElementById('status').className"))
                                .as("viewer status: %s", status(browser))
                                .isEqualTo("");
                        assertThat(((Number) script(browser, "return document.getElementById('video').currentTime"))
                                        .doubleValue())
                                .isGreaterThan(1.0);
                    });
            long frames = frames(browser);
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(frames(browser)).isGreaterThan(frames + 15));
            assertThat(((Number) script(browser, "return document.getElementById('video').videoWidth")).longValue())
                    .isPositive();
            assertThat(script(browser, "return window.shardline.connectionState"))
                    .isEqualTo("connected");
            assertThat(script(browser, "return window.shardline.errors.length")).isEqualTo(0L);

            @SuppressWarnings("unchecked")
            Map<String, Object> metrics = (Map<String, Object>) script(browser, "return window.shardline.metrics");
            long offer = ((Number) metrics.get("offer")).longValue();
            long roundTrip = ((Number) metrics.get("answer")).longValue() - offer;
            long firstFrame = ((Number) metrics.get("firstFrame")).longValue() - offer;
            log.info(
                    "WebRTC through Shardline: signaling round trip (SDP offer sent to SDP answer received) {} ms;"
                            + " first frame {} ms after the offer, {} ms after the viewer page started",
                    roundTrip,
                    firstFrame,
                    metrics.get("firstFrame"));

            Path screenshot = Path.of("target", "webrtc-viewer.png");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    @Test
    void theRestApiCreatesChannelsAndPresignsConnectionsForThePages() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String name = uniqueName("rest");
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + "/v1/signaling-channels"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"" + name + "\",\"messageTtlSeconds\":30}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode channel = JsonMapper.shared().readTree(created.body());
        assertThat(channel.get("arn").asString())
                .startsWith(
                        "arn:aws:kinesisvideo:" + DEFAULT_REGION + ":" + DEFAULT_ACCOUNT + ":channel/" + name + "/");
        assertThat(channel.get("messageTtlSeconds").asInt()).isEqualTo(30);

        HttpResponse<String> viewer =
                post(http, "/v1/signaling-channels/" + name + "/connection?role=VIEWER&clientId=v1");
        assertThat(viewer.statusCode()).isEqualTo(200);
        String url = JsonMapper.shared().readTree(viewer.body()).get("url").asString();
        assertThat(url)
                .startsWith("ws://127.0.0.1:" + port + "/kvs-webrtc?")
                .contains("X-Amz-ChannelARN=", "X-Amz-ClientId=v1", "X-Amz-Algorithm=AWS4-HMAC-SHA256")
                .contains("X-Amz-Credential=" + DEFAULT_ACCOUNT + "%2F", "%2F" + DEFAULT_REGION + "%2Fkinesisvideo%2F")
                .contains("X-Amz-Signature=", "X-Amz-Expires=299");
        try (SignalingSocket socket = SignalingSocket.connect(URI.create(url))) {
            assertThat(socket.poll(Duration.ofMillis(100))).isNull(); // connected, nothing waiting
        }

        assertThat(post(http, "/v1/signaling-channels/" + name + "/connection?role=VIEWER")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(http, "/v1/signaling-channels/" + uniqueName("none") + "/connection?role=MASTER")
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(endpoint() + "/v1/signaling-channels/" + name))
                                        .DELETE()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(204);
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(endpoint() + "/v1/signaling-channels/" + name))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
    }

    private HttpResponse<String> post(HttpClient http, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long frames(ChromeDriver browser) {
        return ((Number) script(
                        browser, "return document.getElementById('video').getVideoPlaybackQuality().totalVideoFrames"))
                .longValue();
    }

    private static String status(ChromeDriver browser) {
        return String.valueOf(script(browser, "return document.getElementById('status').textContent"));
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
