package dev.shardline.streams.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shardline.streams.StreamsIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/**
 * The console's stream pages in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromedriver})
 * against the service's shared test context, one browser for the class. Screenshots are kept under {@code target/}.
 * Skipped only where no Chromium is installed (CI installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamsConsoleBrowserTest extends StreamsIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private ChromeDriver browser;

    @BeforeAll
    void startBrowser() {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no Chromium here (CI installs Debian's chromium and chromium-driver)");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--disable-gpu",
                        "--window-size=1280,1400");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aStreamCreatedInTheConsoleIsListedAndItsShardMapDrawn() throws Exception {
        String name = uniqueName();
        browser.get(endpoint() + "/console/streams");
        browser.findElement(By.id("create-name")).sendKeys(name);
        WebElement shards = browser.findElement(By.id("create-shards"));
        shards.clear();
        shards.sendKeys("2");
        browser.findElement(By.id("create-submit")).click();
        await().atMost(PATIENCE)
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#outcome [data-outcome=ok]")))
                        .isNotEmpty());
        // the list refreshes itself: the new stream appears, and turns ACTIVE
        await().atMost(PATIENCE)
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .untilAsserted(() -> assertThat(
                                browser.findElements(By.xpath("//tr[@data-stream='" + name + "']/td[text()='ACTIVE']")))
                        .hasSize(1));
        screenshot("console-streams.png");

        browser.findElement(By.linkText(name)).click();
        await().atMost(PATIENCE)
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .untilAsserted(
                        () -> assertThat(browser.findElements(By.cssSelector("svg.shard-map rect[data-state=open]")))
                                .hasSize(2));
        assertThat(browser.findElements(By.cssSelector("#shard-table tbody tr")))
                .hasSize(2);

        browser.get(endpoint() + "/console");
        assertThat(browser.findElement(By.cssSelector("[data-check=PostgreSQL] .status"))
                        .getText())
                .isEqualTo("UP");
        assertThat(browser.findElement(By.cssSelector("[data-check=Kafka] .status"))
                        .getText())
                .isEqualTo("UP");
        assertThat(browser.findElement(By.cssSelector("[data-section=streams]")).getText())
                .contains("Streams", "Open shards");
        screenshot("console-overview.png");
    }

    @Test
    void recordsPutIntoOneShardMakeItHotAndTheTailShowsThem() throws Exception {
        try (KinesisClient kinesis = kinesis(false)) {
            String name = activeStream(kinesis, 4);
            browser.get(endpoint() + "/console/streams/" + name);
            new Select(browser.findElement(By.id("tail-shard"))).selectByValue("shardId-000000000000");
            browser.findElement(By.id("tail-submit")).click();
            await().atMost(PATIENCE)
                    .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                    .until(() -> !browser.findElements(By.cssSelector("#tail-poller[data-tailing=true]"))
                            .isEmpty());

            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                int i = 0;
                while (writing.get()) {
                    kinesis.putRecord(r -> r.streamName(name)
                            .partitionKey("k")
                            .explicitHashKey("1") // the first shard's range
                            .data(SdkBytes.fromUtf8String("hello console")));
                    if (++i % 20 == 0) {
                        try {
                            Thread.sleep(100); // a steady trickle, not a flood
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
            writer.start();
            try {
                await().atMost(PATIENCE)
                        .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                        .untilAsserted(() -> {
                            WebElement row = browser.findElement(By.cssSelector("tr[data-shard=shardId-000000000000]"));
                            assertThat(Double.parseDouble(row.getDomAttribute("data-records-in")))
                                    .isPositive();
                            assertThat(row.getDomAttribute("data-heat")).isEqualTo("hot");
                            assertThat(browser.findElement(By.cssSelector("tr[data-shard=shardId-000000000003]"))
                                            .getDomAttribute("data-heat"))
                                    .isEqualTo("cold");
                        });
                await().atMost(PATIENCE)
                        .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                        .untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#tail-rows li")))
                                .isNotEmpty());
                assertThat(browser.findElement(By.cssSelector("#tail-rows li .data"))
                                .getText())
                        .isEqualTo("hello console");
                screenshot("console-stream.png");
            } finally {
                writing.set(false);
                writer.join(10_000);
            }
        }
    }

    @Test
    void splittingAShardInTheConsoleDrawsTheNewLineage() throws Exception {
        try (KinesisClient kinesis = kinesis(false)) {
            String name = activeStream(kinesis, 1);
            browser.get(endpoint() + "/console/streams/" + name);
            assertThat(browser.findElements(By.cssSelector("svg.shard-map line.lineage")))
                    .isEmpty();
            new Select(browser.findElement(By.id("split-shard"))).selectByValue("shardId-000000000000");
            browser.findElement(By.id("split-submit")).click();
            await().atMost(PATIENCE)
                    .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                    .untilAsserted(() -> {
                        List<WebElement> lineage = browser.findElements(
                                By.cssSelector("svg.shard-map line.lineage[data-parent=shardId-000000000000]"));
                        assertThat(lineage).hasSize(2);
                        assertThat(browser.findElement(
                                                By.cssSelector("svg.shard-map rect[data-shard=shardId-000000000000]"))
                                        .getDomAttribute("data-state"))
                                .isEqualTo("closed");
                        assertThat(browser.findElements(By.cssSelector("svg.shard-map rect[data-state=open]")))
                                .hasSize(2);
                    });
            screenshot("console-split.png");
        }
    }

    /** A refused change shows AWS's error type and message: the very ones the AWS SDK gets for the same request. */
    @Test
    void aRefusedChangeShowsTheAwsErrorTypeAndMessage() throws Exception {
        try (KinesisClient kinesis = kinesis(false)) {
            String name = activeStream(kinesis, 1);
            KinesisException sdk = org.junit.jupiter.api.Assertions.assertThrows(
                    KinesisException.class,
                    () -> kinesis.decreaseStreamRetentionPeriod(
                            r -> r.streamName(name).retentionPeriodHours(1)));

            browser.get(endpoint() + "/console/streams/" + name);
            WebElement hours = browser.findElement(By.id("retention-hours"));
            hours.clear();
            hours.sendKeys("1");
            browser.findElement(By.id("retention-submit")).click();
            await().atMost(PATIENCE)
                    .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                    .untilAsserted(() -> assertThat(
                                    browser.findElements(By.cssSelector("#outcome [data-outcome=error][role=alert]")))
                            .hasSize(1));
            assertThat(browser.findElement(By.cssSelector("#outcome .type")).getText())
                    .isEqualTo(sdk.awsErrorDetails().errorCode());
            assertThat(browser.findElement(By.cssSelector("#outcome .message")).getText())
                    .isEqualTo(sdk.awsErrorDetails().errorMessage());
            screenshot("console-error.png");
        }
    }

    private void screenshot(String file) throws Exception {
        Path path = Path.of("target", file);
        Files.createDirectories(path.getParent());
        Files.write(path, browser.getScreenshotAs(OutputType.BYTES));
    }
}
