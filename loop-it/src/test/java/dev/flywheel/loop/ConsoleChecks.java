package dev.flywheel.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.testing.TopicProbe;
import dev.flywheel.training.tuning.CandidateReport;
import dev.flywheel.training.tuning.TrialReport;

/**
 * The web console (served by monitor-service at {@code /console/}) in a real headless Chromium, driven through
 * WebDriver with Debian's {@code chromium-driver}, against the running platform: every page shows the services'
 * data, a record refused from the Kafka source shows in the Pipelines view with its field, rule and value, a tuned
 * run's trials show as a chart and a table, a promote from the Models page moves the registry's champion alias, and
 * a verdict from the review queue arrives on the pipeline's labels topic.
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

            // A record from the Kafka source that validation refuses: it goes to the rejected topic, not to an upload
            String refusedId = "console-refused-" + UUID.randomUUID().toString().substring(0, 8);
            sendRaw(platform, refusedId, -7);

            // Pipelines: the spec, its topics, ingest's rates and the reasons records were refused
            open(browser, console + "#pipelines", "pipelines");
            assertThat(text(browser, "topics")).contains(Topics.labels(PIPELINE).name());
            assertThat(text(browser, "spec")).contains("transaction_id");
            assertThat(text(browser, "rates")).contains("event / kafka / accepted");
            assertThat(text(browser, "violations")).as("the CLI's ingest sent a negative amount").contains("tx_amount");
            assertThat(text(browser, "upload-rejections")).contains("tx_amount: must be >= 0 but was -4");
            // and the newest rejected records of every source, the Kafka one with its field, rule and value
            await().atMost(PAGE_TIMEOUT).pollInterval(Duration.ofSeconds(2)).until(() -> {
                browser.findElement(By.id("rejects-refresh")).click();
                return text(browser, "recent-rejects").contains(refusedId);
            });
            // (a refresh still under way redraws the rows: a stale row is looked up again)
            await().atMost(PAGE_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                WebElement refused = browser.findElements(By.cssSelector("#recent-rejects tr.reject")).stream()
                        .filter(row -> row.getText().contains(refusedId)).findFirst().orElseThrow();
                assertThat(refused.getAttribute("data-source")).isEqualTo("kafka");
                assertThat(refused.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                        .as("source, kind, field, rule, value").contains("kafka", "event", "tx_amount", "min", "-7");
            });
            assertThat(text(browser, "rejects-summary")).contains(Topics.rejected(PIPELINE).name());
            // the command line reads the same rejection from the same endpoint
            CommandLineRun rejects = CommandLineRun.of(platform, work, "rejects", "--limit", "50");
            assertThat(rejects.status()).as(rejects.err()).isZero();
            assertThat(rejects.out().lines().filter(line -> line.contains("kafka") && line.contains("tx_amount")
                    && line.contains("must be >= 0 but was -7"))).isNotEmpty();

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
            // Runs: a tuned run's trials (the loop's spec tunes nothing, so a stand-in training API serves one)
            String trials;
            try (TrainingStandIn standIn = TrainingStandIn.start(
                    file -> get(platform.uri("monitor-service", "/console/" + file)),
                    get(platform.uri("ingest-service", "/v1/pipelines/" + PIPELINE)))) {
                trials = trialsView(browser, standIn);
            }
            return "pipelines (a Kafka record's rejection with field, rule and value, also by the CLI), data (profile,"
                    + " SQL and a refused write), runs (compare, curves, " + trials + "), models (promote "
                    + first + " and back to " + served + ", lineage to the drift), live, review (label of " + eventId
                    + " on " + Topics.labels(PIPELINE).name() + ") in headless Chromium";
        } catch (RuntimeException | AssertionError e) {
            Files.writeString(work.resolve("console-failure.html"), browser.getPageSource());
            throw e;
        } finally {
            browser.quit();
        }
    }

    /**
     * The Runs view of a tuned run: the candidates table says which candidate was tuned, and each tuned candidate
     * has a score-vs-trial chart (a dot per trial and rung, the best-so-far line, the winner ringed) and a table of
     * its trials with the winning one marked.
     */
    static String trialsView(WebDriver browser, TrainingStandIn standIn) {
        open(browser, standIn.console() + "#runs", "runs");
        browser.findElement(By.cssSelector("#runs a[data-run='" + TrainingStandIn.RUN + "']")).click();
        waitFor(browser, By.cssSelector("#run-trials table.trials tr.trial"));
        assertThat(text(browser, "run-candidates")).contains("3 (best 2)").contains("not tuned");
        WebElement chart = browser.findElement(By.cssSelector("#run-trials svg.trials-chart[data-candidate='mlp']"));
        // trial 1 scored at rung 0, trial 2 at rungs 0 and 1, trial 3 failed before any score
        assertThat(chart.findElements(By.cssSelector("circle.trial"))).hasSize(3);
        assertThat(chart.findElements(By.cssSelector("circle.trial.rung-1"))).hasSize(1);
        assertThat(chart.findElements(By.cssSelector("circle.winner"))).hasSize(1);
        assertThat(chart.findElements(By.cssSelector("polyline.best-so-far"))).hasSize(1);
        assertThat(chart.getText()).contains("validation average_precision");
        List<WebElement> rows = browser.findElements(By.cssSelector("#trials-mlp tr.trial"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).getAttribute("class")).contains("best");
        assertThat(rows.get(1).getText()).contains("2 ★").contains("completed").contains("0.5100 → 0.5545")
                .contains("learningRate=0.0189").contains("hidden=[4]");
        assertThat(rows.get(0).getText()).contains("stopped_early");
        assertThat(rows.get(2).getText()).contains("failed").contains("loss diverged");
        assertThat(browser.findElements(By.id("trials-logistic"))).as("an untuned candidate has no trials table")
                .isEmpty();
        return "a tuned run's trials chart and table";
    }

    /** One raw event on the pipeline's Kafka source topic, valid but for its amount. */
    private static void sendRaw(Platform platform, String id, int amount) {
        Topic<String, String> raw = Topics.rawEvents(PIPELINE);
        ObjectNode event = Json.mapper().createObjectNode().put("transaction_id", id)
                .put("tx_datetime", "2018-04-02T10:02:00Z").put("customer_id", "console-customer")
                .put("terminal_id", "console-terminal").put("tx_amount", amount);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                raw.keySerde().serializer(), raw.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(raw.name(), id, Json.mapper().writeValueAsString(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send the refused record to " + raw.name() + ": " + e, e);
        }
    }

    private static byte[] get(URI uri) {
        try {
            HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + answer.statusCode());
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A real HTTP server on loopback standing in for the training API of one tuned run, next to the console's own
     * files (taken from the running monitor) and settings that point every service at itself. The run's candidates
     * are training-service's own {@link CandidateReport} and {@link TrialReport} records, serialised as the service
     * does, so the page reads the shape the real API answers.
     */
    static final class TrainingStandIn implements AutoCloseable {

        static final String RUN = "tuned-run";
        private static final String RUNS = "/v1/pipelines/" + PIPELINE + "/trainings";

        private final HttpServer server;

        private TrainingStandIn(HttpServer server) {
            this.server = server;
        }

        /**
         * @param consoleFile the console's file of that name ({@code index.html}, {@code console.js}, ...)
         * @param spec        the pipeline spec as ingest answers it
         */
        static TrainingStandIn start(Function<String, byte[]> consoleFile, byte[] spec) throws IOException {
            Map<String, Object> run = tunedRun();
            Map<String, Object> answers = new HashMap<>();
            answers.put("/v1/console", Map.of("services", Map.of("ingest", "", "feature", "", "training", "",
                    "inference", "", "monitor", ""), "pipelines", List.of(PIPELINE), "topics",
                    Map.of(PIPELINE, List.of())));
            answers.put(RUNS, List.of(run));
            answers.put(RUNS + "/" + RUN, run);
            answers.put("/v1/pipelines/" + PIPELINE + "/models/7", Map.of("version", "7", "params",
                    Map.of("learningRate", 0.0189, "hidden", List.of(4), "epochs", 4)));
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                byte[] body;
                String type = "application/json";
                int status = 200;
                if (path.startsWith("/console/")) {
                    String file = path.equals("/console/") ? "index.html" : path.substring("/console/".length());
                    body = consoleFile.apply(file);
                    type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css"
                            : "text/html";
                } else if (path.equals("/v1/pipelines/" + PIPELINE)) {
                    body = spec;
                } else if (answers.containsKey(path)) {
                    body = Json.mapper().writeValueAsBytes(answers.get(path));
                } else {
                    status = 404;
                    body = Json.mapper().writeValueAsBytes(Map.of("message", "the stand-in has no " + path));
                }
                exchange.getResponseHeaders().add("Content-Type", type);
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new TrainingStandIn(server);
        }

        String console() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/console/";
        }

        @Override
        public void close() {
            server.stop(0);
        }

        /** A finished run in {@code GET /trainings/{id}}'s shape: mlp tuned over three trials (trial 2 won). */
        private static Map<String, Object> tunedRun() {
            List<TrialReport> trials = List.of(
                    new TrialReport("mlp", 1, Map.of("learningRate", 0.001, "hidden", List.of(8)), 0, 1, 0.41,
                            List.of(0.41), 180, TrialReport.STOPPED_EARLY, "not among the best 1/3 at rung 0"),
                    new TrialReport("mlp", 2, Map.of("learningRate", 0.0189, "hidden", List.of(4)), 1, 4, 0.5545,
                            List.of(0.51, 0.5545), 420, TrialReport.COMPLETED, ""),
                    new TrialReport("mlp", 3, Map.of("learningRate", 0.3, "hidden", List.of(16)), -1, 0, null,
                            List.of(), 20, TrialReport.FAILED, "loss diverged"));
            CandidateReport mlp = new CandidateReport("mlp", "mlp", CandidateReport.TRAINED,
                    "best of 3 trials: trial 2 {learningRate=0.0189, hidden=[4]} with epochs 4",
                    Map.of("average_precision", 0.61), 620, trials, 2);
            CandidateReport logistic = new CandidateReport("logistic", "logistic_regression", CandidateReport.TRAINED,
                    "", Map.of("average_precision", 0.52), 90);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("version", "7");
            result.put("candidate", "mlp");
            result.put("selectionMetric", "average_precision");
            result.put("metrics", Map.of("average_precision", 0.61));
            result.put("candidates", List.of(mlp, logistic));
            result.put("promoted", true);
            result.put("decision", "better average_precision than 6");
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("id", RUN);
            run.put("pipeline", PIPELINE);
            run.put("trigger", "manual");
            run.put("status", "SUCCEEDED");
            run.put("requestedAt", "2026-11-28T02:00:00Z");
            run.put("message", "tuned mlp over 3 trials");
            run.put("result", result);
            return run;
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
