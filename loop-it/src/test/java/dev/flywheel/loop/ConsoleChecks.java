package dev.flywheel.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.testing.TopicProbe;

/**
 * The web console (served by monitor-service at {@code /console/}) in a real headless Chromium, driven through
 * WebDriver with Debian's {@code chromium-driver}, against the running platform: every page shows the services'
 * data, a promote from the Models page moves the registry's champion alias, and a verdict from the review queue
 * arrives on the pipeline's labels topic.
 */
final class ConsoleChecks {

    private static final String PIPELINE = "card-fraud";
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Debian's paths; set explicitly so that Selenium Manager never looks for (or downloads) a browser. */
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));

    private ConsoleChecks() {
    }

    /**
     * @param first  a version other than the champion, to promote from the console
     * @param served the champion at the start, promoted back at the end
     * @return what was checked, for the loop report
     */
    static String run(Platform platform, Path work, String first, String served) throws IOException, InterruptedException {
        assertThat(CHROMEDRIVER).as("chromium-driver is installed (./flywheel test installs it)").isExecutable();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withLogFile(work.resolve("logs").resolve("chromedriver.log").toFile()).build();
        WebDriver browser = new ChromeDriver(service, options);
        try (TopicProbe<LabelReceived> labels = TopicProbe.on(Topics.labels(PIPELINE), platform.bootstrapServers())) {
            String console = platform.uri("monitor-service", "/console/").toString();

            // Pipelines: the spec, its topics, ingest's rates and the reasons records were refused
            open(browser, console + "#pipelines", "pipelines");
            assertThat(text(browser, "topics")).contains(Topics.labels(PIPELINE).name());
            assertThat(text(browser, "spec")).contains("transaction_id");
            assertThat(text(browser, "rates")).contains("event / kafka / accepted");
            assertThat(text(browser, "violations")).as("the CLI's ingest sent a negative amount").contains("tx_amount");
            assertThat(text(browser, "upload-rejections")).contains("tx_amount: must be >= 0 but was -4");

            // Data: the profile, and the SQL box runs a read-only query and shows a refusal for a write
            open(browser, console + "#data", "data");
            assertThat(text(browser, "profile")).contains("tx_amount");
            sql(browser, "SELECT count(*) AS n FROM data");
            waitFor(browser, By.cssSelector("#sql-result td.num"));
            assertThat(Long.parseLong(text(browser, By.cssSelector("#sql-result td.num")))).isPositive();
            sql(browser, "DELETE FROM data");
            waitFor(browser, By.cssSelector("#sql-error.error"));
            assertThat(text(browser, "sql-error")).isNotBlank();

            // Runs: the list; two compared side by side; a run's candidates and curves
            open(browser, console + "#runs", "runs");
            List<WebElement> boxes = browser.findElements(By.cssSelector("#runs input.compare"));
            assertThat(boxes).as("the loop trained at least twice").hasSizeGreaterThanOrEqualTo(2);
            boxes.get(0).click();
            boxes.get(1).click();
            browser.findElement(By.id("compare")).click();
            waitFor(browser, By.id("comparison-table"));
            assertThat(text(browser, "comparison-table")).contains("decision");
            String runWithVersion = browser.findElements(By.cssSelector("#runs tr[data-run]")).stream()
                    .filter(row -> row.getText().contains("SUCCEEDED")).findFirst().orElseThrow()
                    .getAttribute("data-run");
            browser.findElement(By.cssSelector("#runs a[data-run='" + runWithVersion + "']")).click();
            waitFor(browser, By.cssSelector("#run-detail svg polyline"));
            assertThat(text(browser, "run-candidates")).contains("trained");

            // Models: a promote from the page moves the champion alias in the registry
            open(browser, console + "#models", "models");
            assertThat(text(browser, "versions")).contains(first).contains(served);
            browser.findElement(By.cssSelector("button.promote[data-version='" + first + "']")).click();
            new WebDriverWait(browser, PAGE_TIMEOUT).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("models-status"), "champion → version " + first));
            assertThat(champion(platform)).isEqualTo(first);
            new WebDriverWait(browser, PAGE_TIMEOUT).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("history"), "reviewed in the console"));
            // and the retrained version's lineage goes back to the drift that caused it
            browser.findElement(By.cssSelector("button.lineage[data-version='" + served + "']")).click();
            waitFor(browser, By.id("lineage-drift"));
            assertThat(text(browser, "lineage-drift")).contains("caused by drift event");
            browser.findElement(By.cssSelector("button.promote[data-version='" + served + "']")).click();
            new WebDriverWait(browser, PAGE_TIMEOUT).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("models-status"), "champion → version " + served));
            assertThat(champion(platform)).isEqualTo(served);

            // Live: quality per version, data drift per feature, alarms
            open(browser, console + "#live", "live");
            assertThat(text(browser, "health")).contains("served version");
            assertThat(text(browser, "quality")).contains(served);
            assertThat(text(browser, "alarms")).contains("ACCURACY");

            // Review queue: the day's top predictions with their drivers; a verdict reaches the labels topic
            open(browser, console + "#review", "review");
            WebElement top = waitFor(browser, By.cssSelector("#review tr.review-item"));
            String eventId = top.getAttribute("data-event");
            await().atMost(PAGE_TIMEOUT).until(() -> !top.findElement(By.cssSelector(".drivers")).getText().equals("…"));
            assertThat(top.findElement(By.cssSelector(".drivers")).getText()).matches("(?s).*[+-][0-9].*");
            assertThat(text(browser, "review-method")).contains("perturbation");
            // (the simulator may have labelled the same event already: only a label received after the click counts)
            Instant clicked = Instant.now().minusSeconds(1);
            top.findElement(By.cssSelector("button.mark-fraud")).click();
            waitFor(browser, By.cssSelector("#review tr.review-item .sent"));
            LabelReceived label = labels.await(l -> eventId.equals(l.targetEventId()) && l.value() == 1.0
                    && !l.receivedAt().isBefore(clicked), Duration.ofSeconds(90));
            assertThat(label.pipeline()).isEqualTo(PIPELINE);
            return "pipelines, data (profile, SQL and a refused write), runs (compare, curves), models (promote "
                    + first + " and back to " + served + ", lineage to the drift), live, review (label of " + eventId
                    + " on " + Topics.labels(PIPELINE).name() + ") in headless Chromium";
        } catch (RuntimeException | AssertionError e) {
            Files.writeString(work.resolve("console-failure.html"), browser.getPageSource());
            throw e;
        } finally {
            browser.quit();
        }
    }

    private static void open(WebDriver browser, String url, String page) {
        browser.get(url);
        new WebDriverWait(browser, PAGE_TIMEOUT).until(driver -> {
            String loaded = driver.findElement(By.tagName("body")).getAttribute("data-loaded");
            return loaded != null && loaded.startsWith(page);
        });
        String loaded = browser.findElement(By.tagName("body")).getAttribute("data-loaded");
        assertThat(loaded).as("page %s loaded without error: %s", page, text(browser, "error")).isEqualTo(page);
    }

    private static void sql(WebDriver browser, String query) {
        WebElement input = browser.findElement(By.id("sql-input"));
        input.clear();
        input.sendKeys(query);
        browser.findElement(By.id("sql-run")).click();
    }

    private static WebElement waitFor(WebDriver browser, By what) {
        return new WebDriverWait(browser, PAGE_TIMEOUT).until(ExpectedConditions.presenceOfElementLocated(what));
    }

    private static String text(WebDriver browser, String id) {
        return text(browser, By.id(id));
    }

    private static String text(WebDriver browser, By what) {
        return browser.findElement(what).getText();
    }

    /** The champion as the registry's own API says, not as the page does. */
    private static String champion(Platform platform) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(platform.uri("training-service",
                "/v1/pipelines/" + PIPELINE + "/aliases/champion")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.mapper().readTree(answer.body());
        return body.path("version").asText();
    }
}
