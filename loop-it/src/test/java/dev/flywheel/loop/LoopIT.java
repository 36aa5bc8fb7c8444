package dev.flywheel.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.event.ModelLifecycleEvent;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.ModelRegistered;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.BusinessGoal;
import dev.flywheel.contracts.spec.GoalMetric;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;
import dev.flywheel.simulator.LabelDelay;
import dev.flywheel.simulator.NewFraudPattern;
import dev.flywheel.simulator.SimulationConfig;
import dev.flywheel.testing.TopicProbe;

/**
 * The loop closes with nobody in it: simulated card payments stream through the five services
 * (separate processes, real broker); a new fraud pattern starts part-way; the monitor sees live
 * quality fall and emits a drift event; training retrains on recent data and promotes a new
 * version; inference swaps to it; and on the new kind of data the new version does better than
 * the old one did. On the way the spec's average-precision floor slips and the monitor posts it to a webhook, and
 * the health page values the champion and the rule baseline per day, expected and realised.
 */
class LoopIT {

    private static final String PIPELINE = "card-fraud";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Knobs for slower or faster machines: -Dloop.rate=..., -Dloop.customers=... */
    private static final double RATE = Double.parseDouble(System.getProperty("loop.rate", "600"));
    private static final int CUSTOMERS = Integer.getInteger("loop.customers", 2000);
    private static final int DAYS = Integer.getInteger("loop.days", 36);
    private static final int DRIFT_DAY = Integer.getInteger("loop.drift-day", 12);

    @Test
    void aNewFraudPatternIsDetectedRetrainedAndServedBetter() throws Exception {
        // Kept after the run (logs of every service, the registry) for whoever reads a failure.
        Path work = Files.createDirectories(Path.of("target", "loop-run", Long.toString(System.currentTimeMillis())));
        Path repository = Path.of(System.getProperty("flywheel.repository.root", "..")).toAbsolutePath().normalize();
        Path pipelines = repository.resolve("pipelines");
        PipelineSpec spec = PipelineSpecs.load(pipelines.resolve(PIPELINE + ".yaml"));
        SimulationConfig world = SimulationConfig.standard()
                .withPopulation(CUSTOMERS, CUSTOMERS * 2)
                .withDays(DAYS)
                .withSeed(7)
                .withNewFraudPattern(NewFraudPattern.cardTestingFrom(DRIFT_DAY))
                .withLabelDelay(new LabelDelay(Duration.ofHours(1), Duration.ofHours(12), Duration.ofHours(12)));
        LoopReport report = new LoopReport();

        BusinessGoal floor = spec.business().orElseThrow().goals().stream()
                .filter(goal -> goal.metric() == GoalMetric.AVERAGE_PRECISION)
                .min(Comparator.comparingDouble(BusinessGoal::target)).orElseThrow();

        try (GoalWebhook webhook = GoalWebhook.start();
             Platform platform = Platform.start(repository, work, pipelines, Map.of(
                "quarkus.log.category.\"org.apache.kafka\".level", "WARN",
                "flywheel.monitor.webhooks.urls", webhook.url(),
                // goals judged every 2 s: the drifted version serves only ~10-30 s between the switch and its retrain
                "flywheel.monitor.business.interval", "2s"));
             var models = TopicProbe.on(Topics.models(), platform.bootstrapServers());
             var drifts = TopicProbe.on(Topics.drift(), platform.bootstrapServers());
             Feed feed = Feed.start(platform.bootstrapServers(), PIPELINE, world, RATE)) {

            // Given a first model, trained as soon as enough labelled examples existed
            ModelPromoted first = promoted(models, v -> true, Duration.ofMinutes(8));
            report.put("firstVersion", first.modelVersion());

            // When the new fraud pattern starts, live quality falls and the monitor says so. (A verdict
            // on pre-switch data may come first on this small, noisy world; it is counted, not failed.)
            DriftDetected drift = drifts.await(d -> d.kind() == DriftDetected.Kind.ACCURACY
                    && !d.windowEnd().isBefore(feed.switchEventTime()), Duration.ofMinutes(10));
            assertThat(feed.switchedAt()).as("the feed crossed the switch before the drift").isNotNull();
            String drifted = drift.modelVersion();
            report.put("driftsBeforeSwitch", drifts.seen().stream()
                    .filter(d -> d.windowEnd().isBefore(feed.switchEventTime())).count());
            report.put("switchToDriftSeconds", seconds(feed.switchedAt(), drift.detectedAt()));
            report.put("drift", "version " + drifted + ": " + drift.metric() + " " + drift.observed() + " < "
                    + drift.threshold() + " (baseline " + drift.baseline() + ")");

            // Then training retrains on the drift and a new version is promoted and served
            ModelPromoted retrained = promoted(models, v -> !v.modelVersion().equals(drifted)
                    && !v.occurredAt().isBefore(drift.detectedAt()), Duration.ofMinutes(8));
            ModelRegistered registration = (ModelRegistered) models.seen().stream()
                    .filter(e -> e instanceof ModelRegistered r && r.modelVersion().equals(retrained.modelVersion()))
                    .findFirst().orElseThrow();
            assertThat(registration.trigger()).isEqualTo("drift");
            report.put("switchToPromotedSeconds", seconds(feed.switchedAt(), retrained.occurredAt()));
            report.put("retrainedVersion", retrained.modelVersion());

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> retrained.modelVersion().equals(servedVersion(platform, spec)));

            // And the spec's average-precision floor slipped on the new pattern: the monitor posted it to the webhook
            JsonNode slip = webhook.await(body -> "GOAL".equals(body.path("kind").asText())
                    && floor.metric().keyword().equals(body.path("metric").asText())
                    && floor.by().toString().equals(body.path("by").asText())
                    && !Instant.parse(body.path("at").asText()).isBefore(feed.switchedAt()), Duration.ofMinutes(3));
            assertThat(slip.path("goalStatus").asText()).isIn("at_risk", "missed");
            assertThat(slip.path("previousStatus").asText()).isEqualTo("met");
            assertThat(slip.path("observed").asDouble()).isLessThan(floor.target());
            report.put("goalSlip", floor.describe() + ": " + slip.path("previousStatus").asText() + " -> "
                    + slip.path("goalStatus").asText() + " on version " + slip.path("modelVersion").asText()
                    + ", observed " + slip.path("observed").asDouble());
            report.put("switchToGoalSlipSeconds", seconds(feed.switchedAt(), Instant.parse(slip.path("at").asText())));

            // And on post-switch data the served, retrained model does better than the one that drifted.
            // The first retrain may have seen little of the new pattern; the loop keeps judging and
            // retraining, so what must hold is that the served version gets there.
            String metric = spec.monitoring().accuracy().metric().keyword();
            AtomicReference<Quality> last = new AtomicReference<>();
            await("the served retrained model beats the drifted one on post-switch " + metric)
                    .atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(5)).until(() -> {
                String served = servedVersion(platform, spec);
                Quality quality = Quality.read(platform, PIPELINE, feed.switchEventTime(), metric, drifted, served);
                last.set(quality);
                report.put("quality", quality);
                return !served.equals(drifted)
                        && quality.comparable(spec.monitoring().minOutcomes(), spec.monitoring().minPositives())
                        && quality.after() > quality.before();
            });
            Quality quality = last.get();
            report.put("servedVersion", quality.version());
            report.put("qualityBefore", quality.before());
            report.put("qualityAfter", quality.after());
            report.put("valuePerDay", valuePerDay(platform, quality.version()));
            theCommandLineSeesTheLoop(platform, work, spec, quality.version(), report);
            report.put("console", ConsoleChecks.run(platform, work, first.modelVersion(), quality.version()));
            assertThat(platform.crashed()).isEmpty();
        } finally {
            report.write(Path.of("target", "loop-report.json"));
        }
    }

    /**
     * The real command line, as its own process, answers from the running platform what the loop established: the
     * served champion, the drift-triggered run, SQL over the examples, a prediction, a file sent in, a report.
     */
    private static void theCommandLineSeesTheLoop(Platform platform, Path work, PipelineSpec spec, String served,
                                                  LoopReport report)
            throws IOException, InterruptedException {
        CommandLineRun status = CommandLineRun.of(platform, work, "status", "--json");
        assertThat(status.status()).as(status.toString()).isZero();
        assertThat(status.json().path("ingest").path("ready").asBoolean()).as(status.toString()).isTrue();

        Path specFile = Path.of(System.getProperty("flywheel.repository.root", "..")).resolve("pipelines")
                .resolve(spec.name() + ".yaml");
        CommandLineRun apply = CommandLineRun.of(platform, work, "pipelines", "apply", specFile.toString());
        assertThat(apply.status()).as(apply.toString()).isZero();
        assertThat(apply.out()).as(apply.toString()).contains("every service already runs this spec");

        CommandLineRun models = CommandLineRun.of(platform, work, "models", "list", "--json");
        assertThat(models.status()).as(models.toString()).isZero();
        assertThat(models.json().path("versions").findValuesAsText("version")).contains(served);

        CommandLineRun runs = CommandLineRun.of(platform, work, "runs", "list");
        assertThat(runs.status()).as(runs.toString()).isZero();
        assertThat(runs.out()).contains("SUCCEEDED").contains("drift");

        CommandLineRun sql = CommandLineRun.of(platform, work, "sql", "SELECT count(*) AS n FROM data", "--json");
        assertThat(sql.status()).as(sql.toString()).isZero();
        assertThat(sql.json().at("/rows/0/0").asLong()).isPositive();
        CommandLineRun writing = CommandLineRun.of(platform, work, "sql", "DELETE FROM data");
        assertThat(writing.status()).as(writing.toString()).isEqualTo(1);

        ObjectNode features = Json.mapper().createObjectNode();
        spec.featureNames().forEach(name -> features.put(name, 1.0));
        String row = features.toString();
        CommandLineRun predict = CommandLineRun.of(platform, work, "predict", row, "--json");
        assertThat(predict.status()).as(predict.toString()).isZero();
        assertThat(predict.json().path("modelVersion").asText()).isNotBlank();

        Path events = work.resolve("cli-events.csv");
        Files.writeString(events, "transaction_id,tx_datetime,customer_id,terminal_id,tx_amount\n"
                + "cli-1,2018-04-02T10:00:00Z,cli-customer,cli-terminal,12.5\n"
                + "cli-2,2018-04-02T10:01:00Z,cli-customer,cli-terminal,-4\n");
        CommandLineRun ingest = CommandLineRun.of(platform, work, "ingest", events.toString(), "--json");
        assertThat(ingest.status()).as(ingest.toString()).isZero();
        assertThat(ingest.json().path("accepted").asInt()).isEqualTo(1);
        assertThat(ingest.json().path("rejected").asInt()).isEqualTo(1);

        Path html = work.resolve("cli-profile.html");
        CommandLineRun profile = CommandLineRun.of(platform, work, "profile", "--html", html.toString());
        assertThat(profile.status()).as(profile.toString()).isZero();
        assertThat(Files.readString(html)).contains("<svg");
        // An operator rolls the champion back and promotes the retrained version again, from the terminal
        CommandLineRun rollback = CommandLineRun.of(platform, work, "models", "rollback", "--reason", "loop test");
        assertThat(rollback.status()).as(rollback.toString()).isZero();
        assertThat(rollback.out()).contains("rolled back to version");
        CommandLineRun promote = CommandLineRun.of(platform, work, "models", "promote", served, "--reason", "loop test");
        assertThat(promote.status()).as(promote.toString()).isZero();
        CommandLineRun after = CommandLineRun.of(platform, work, "models", "list", "--json");
        assertThat(after.json().path("promotedVersion").asText()).as(after.toString()).isEqualTo(served);
        report.put("commandLine", "status, pipelines apply (already applied), models list, runs list, sql (and a "
                + "refused DELETE), predict, ingest, "
                + "profile --html, models rollback and promote answered from the running platform");
    }

    /**
     * The health page's business section values the served champion and the rule baseline, expected (its training
     * run's figures) and realised (on live outcomes); returns them for the report.
     */
    private static Map<String, Object> valuePerDay(Platform platform, String served)
            throws IOException, InterruptedException {
        AtomicReference<JsonNode> roles = new AtomicReference<>();
        await("the health page values the champion and the rule on live outcomes").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2)).until(() -> {
            JsonNode health = Json.mapper().readTree(HTTP.send(HttpRequest.newBuilder(
                    platform.uri("monitor-service", "/v1/pipelines/" + PIPELINE + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            roles.set(health.path("business").path("valuePerDay"));
            return served.equals(role(roles.get(), "champion").path("modelVersion").asText())
                    && role(roles.get(), "champion").path("realisedPerDay").isNumber()
                    && role(roles.get(), "rule").path("realisedPerDay").isNumber();
        });
        Map<String, Object> figures = new LinkedHashMap<>();
        for (String role : List.of("champion", "challenger", "rule")) {
            JsonNode value = role(roles.get(), role);
            if (!value.isMissingNode()) {
                figures.put(role, String.format(Locale.ROOT, "version %s: expected %s/day, realised %s/day (net %s, ROI %s)",
                        value.path("modelVersion").asText(), value.path("expectedPerDay").asText(),
                        value.path("realisedPerDay").asText(), value.path("realisedNetPerDay").asText(),
                        value.path("realisedRoi").asText()));
            }
        }
        assertThat(role(roles.get(), "champion").path("expectedPerDay").isNumber())
                .as("training registers the champion's expected value: %s", roles.get()).isTrue();
        return figures;
    }

    private static JsonNode role(JsonNode roles, String role) {
        for (JsonNode value : roles) {
            if (role.equals(value.path("role").asText())) {
                return value;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static ModelPromoted promoted(TopicProbe<ModelLifecycleEvent> models, Predicate<ModelPromoted> wanted,
                                          Duration timeout) {
        return (ModelPromoted) models.await(e -> e instanceof ModelPromoted p && wanted.test(p), timeout);
    }

    /** Asks inference which version answers, with a real prediction over HTTP. */
    private static String servedVersion(Platform platform, PipelineSpec spec) throws IOException, InterruptedException {
        ObjectNode features = Json.mapper().createObjectNode();
        spec.featureNames().forEach(name -> features.put(name, 1.0));
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("features", features);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        platform.uri("inference-service", "/v1/pipelines/" + PIPELINE + "/predict"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return "";
        }
        return Json.mapper().readTree(response.body()).path("modelVersion").asText();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** The two versions' live quality on the same kind of data: outcomes of events after the switch. */
    record Quality(String version, double before, long beforeOutcomes, double after, long afterOutcomes,
                   long afterPositives) {

        static Quality read(Platform platform, String pipeline, Instant since, String metric, String oldVersion,
                            String newVersion) throws IOException, InterruptedException {
            URI uri = platform.uri("monitor-service", "/v1/pipelines/" + pipeline + "/quality?since=" + since);
            JsonNode body = Json.mapper().readTree(HTTP.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            JsonNode old = MonitorQuality.version(body, oldVersion);
            JsonNode fresh = MonitorQuality.version(body, newVersion);
            return new Quality(newVersion, MonitorQuality.metric(old, metric), MonitorQuality.outcomes(old),
                    MonitorQuality.metric(fresh, metric), MonitorQuality.outcomes(fresh),
                    MonitorQuality.positives(fresh));
        }

        /** Both versions judged on as much post-switch data as the monitor itself requires to judge. */
        boolean comparable(int minOutcomes, int minPositives) {
            return beforeOutcomes >= minOutcomes && afterOutcomes >= minOutcomes && afterPositives >= minPositives
                    && !Double.isNaN(before) && !Double.isNaN(after);
        }
    }

    /** A webhook receiver on loopback (the JDK's HTTP server) that keeps every JSON body the monitor posts. */
    static final class GoalWebhook implements AutoCloseable {
        private final HttpServer server;
        private final List<JsonNode> received = new CopyOnWriteArrayList<>();

        private GoalWebhook(HttpServer server) {
            this.server = server;
        }

        static GoalWebhook start() throws IOException {
            GoalWebhook webhook = new GoalWebhook(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            webhook.server.createContext("/hook", exchange -> {
                try (exchange) {
                    webhook.received.add(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
                    exchange.sendResponseHeaders(204, -1);
                }
            });
            webhook.server.start();
            return webhook;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        JsonNode await(Predicate<JsonNode> wanted, Duration timeout) {
            org.awaitility.Awaitility.await("a webhook post matching the expectation; received: " + received)
                    .atMost(timeout).pollInterval(Duration.ofSeconds(1))
                    .until(() -> received.stream().anyMatch(wanted));
            return received.stream().filter(wanted).findFirst().orElseThrow();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Figures of the run, kept in target/loop-report.json for the README and the issue note. */
    static final class LoopReport {
        private final Map<String, Object> figures = new LinkedHashMap<>();

        void put(String name, Object value) {
            figures.put(name, value);
            System.out.println("[loop] " + name + " = " + value);
        }

        void write(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), figures);
        }
    }
}
