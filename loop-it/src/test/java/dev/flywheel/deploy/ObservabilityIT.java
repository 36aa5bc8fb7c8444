package dev.flywheel.deploy;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.ModelRegistered;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;
import dev.flywheel.loop.Platform;

/**
 * The monitoring of deploy/ against the running platform: the broker and the five services as processes, a real
 * Prometheus (Debian) scraping them every second with the committed alert rules, and a real Alertmanager
 * (Debian) with the committed routing, its webhook pointed at a receiver in this test.
 *
 * <p>It makes the platform do everything the dashboards and alerts watch: events with broken amounts and a
 * duplicate (the pipeline with {@code validation.deduplicate}), events scored on the stream before any model and
 * after one, single and batch predictions, a pull source reading a partner API on loopback, a served version
 * (the rule baseline, with its data-drift reference) whose labelled predictions turn out no better than chance
 * and whose inputs moved (accuracy and data drift), and then a promotion that cannot be loaded. It asserts that
 * FlywheelDriftDetected and FlywheelModelLoadFailed reach the webhook with their labels; that every dashboard
 * query returns series over the run, as Grafana would draw it; that every alert expression does too or, when its
 * condition is legitimately false here, every selector it is computed from does; that every rule evaluates
 * without error; and that every metric of the catalogue marked {@code seen_in_it} has series.
 */
class ObservabilityIT {

    private static final String PIPELINE = "card-fraud";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int PREDICTIONS = 1500;
    private static final Duration STEP = Duration.ofSeconds(2);

    @Test
    void everyDashboardQueryAndAlertHasSeriesAndAForcedDriftAndABrokenModelReachTheWebhook() throws Exception {
        // Kept after the run: the services', Prometheus' and Alertmanager's logs for whoever reads a failure.
        Path work = Files.createDirectories(Path.of("target", "observability-run",
                Long.toString(System.currentTimeMillis()))).toAbsolutePath();
        Path repository = DeployFolder.root();
        int alertmanagerPort = MonitoringProcess.freePort();
        PipelineSpec spec = PipelineSpecs.loadDirectory(repository.resolve("pipelines")).get(PIPELINE);

        try (WebhookReceiver webhook = WebhookReceiver.start();
             PartnerApi partner = PartnerApi.start();
             Platform platform = Platform.start(repository, work, pipelinesWithDeduplication(repository, work),
                     Map.of("quarkus.log.category.\"org.apache.kafka\".level", "WARN",
                             // each refused record is a DEBUG line of its own
                             "quarkus.log.category.\"dev.flywheel.ingest.Ingestion\".level", "DEBUG"));
             MonitoringProcess alertmanager = MonitoringProcess.start(new CommandLineTool("prometheus-alertmanager"),
                     "prometheus-alertmanager", alertmanagerPort,
                     List.of("--config.file=" + alertmanagerConfig(work, webhook.url()),
                             "--storage.path=" + work.resolve("alertmanager"), "--cluster.listen-address="),
                     work, work.resolve("logs/alertmanager.log"));
             MonitoringProcess prometheusProcess = MonitoringProcess.start(new CommandLineTool("prometheus"),
                     "prometheus", MonitoringProcess.freePort(),
                     List.of("--config.file=" + prometheusConfig(work, platform, alertmanagerPort),
                             "--storage.tsdb.path=" + work.resolve("prometheus")),
                     work, work.resolve("logs/prometheus.log"))) {
            PrometheusApi prometheus = new PrometheusApi(prometheusProcess);

            // Given Prometheus scraping all five services and Alertmanager ready
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                    .until(() -> alertmanager.ready() && prometheusProcess.ready());
            Instant scrapedFrom = Instant.now();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> prometheus.series("up{job=\"flywheel\"} == 1").size() == Platform.SERVICES.size());

            // When records with broken amounts and a duplicate are posted while no model serves, and a pull source
            // reads the partner's API
            postEventsWithRejectsAndADuplicate(platform);
            declarePartnerSource(platform, partner);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(prometheus.series("flywheel_inference_stream_skipped_total")).isNotEmpty();
                assertThat(prometheus.series("flywheel_ingest_source_records_total{outcome=\"accepted\"} == "
                        + PartnerApi.records(true))).hasSize(1);
            });

            // and a version is served: it scores the next events on the stream and single and batch requests
            RuleVersion served = RuleVersion.write(work.resolve("registry"), spec, "7");
            String broken = "it-" + Long.toString(System.currentTimeMillis(), 36);
            try (KafkaProducer<byte[], byte[]> producer = producer(platform.bootstrapServers())) {
                promote(producer, served.version(), served.artifactUri());
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> served.version().equals(inferenceVersion(platform))
                                && served.version().equals(monitoredVersion(platform)));
                postEvents(platform, events("obs2-", 20, false));
                predictSingleAndBatch(platform, served);

                // and its labelled predictions turn out no better than chance, on inputs unlike its reference
                publishChancePredictions(producer, served);
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(platform.crashed()).isEmpty();
                    assertThat(prometheus.series("flywheel_monitor_drift_detected_total{kind=\"ACCURACY\"}")).isNotEmpty();
                    assertThat(prometheus.series("flywheel_monitor_data_drift_share")).isNotEmpty();
                });

                // and then a version is promoted that cannot be loaded
                promote(producer, broken, "file:///nonexistent/" + broken);
            }

            // Then the drift and the load failure arrive at the webhook as firing alerts with their labels
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(platform.crashed()).isEmpty();
                assertThat(webhook.alerts()).anySatisfy(alert -> {
                    assertThat(alert.status()).isEqualTo("firing");
                    assertThat(alert.labels()).containsEntry("alertname", "FlywheelDriftDetected")
                            .containsEntry("pipeline", PIPELINE).containsEntry("kind", "ACCURACY")
                            .containsEntry("severity", "warning").containsEntry("team", "ml");
                });
                assertThat(webhook.alerts()).anySatisfy(alert -> {
                    assertThat(alert.status()).isEqualTo("firing");
                    assertThat(alert.labels()).containsEntry("alertname", "FlywheelModelLoadFailed")
                            .containsEntry("pipeline", PIPELINE).containsEntry("severity", "critical");
                });
            });
            assertThat(webhook.unreadable()).isEmpty();
            assertThat(inferenceVersion(platform)).as("the broken promotion left the served version").isEqualTo("7");
            assertThat(partner.requests()).isPositive();

            // and every metric the catalogue expects here has series
            List<String> expected = PromQueries.catalogue().values().stream()
                    .filter(m -> Boolean.TRUE.equals(m.get("seen_in_it"))).map(m -> m.get("name").toString()).toList();
            assertThat(expected).hasSizeGreaterThan(30);
            // (within a few scrapes: the retrain that the drift starts is refused a moment later, for want of examples;
            // and Micrometer's Kafka binders look for client metrics that appeared after start once a minute, so a
            // Kafka Streams node's first e2e-latency metric may take that long to be exported)
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (String name : expected) {
                    assertThat(prometheus.series(name)).as("series of " + name).isNotEmpty();
                }
            });
            assertThat(prometheus.series("flywheel_ingest_violations_total{pipeline=\"card-fraud\",field=\"tx_amount\",rule=\"min\"}"))
                    .hasSize(1);
            assertThat(prometheus.series("flywheel_ingest_duplicates_total{pipeline=\"card-fraud\"} == 1")).hasSize(1);

            // and every dashboard query returns series over the run, and every alert expression does, or else
            // (its condition false here, e.g. no lag over 10,000) every selector it is computed from
            // (awaited too: a Kafka Streams sink node's e2e-latency metric is created when the node first records
            // and exported by Micrometer's binder up to a minute later; on a loaded machine that comes last)
            List<PromQueries.Query> queries = new ArrayList<>(PromQueries.dashboards());
            queries.addAll(PromQueries.rules());
            List<String> withoutSeries = new ArrayList<>();
            List<String> bySelectors = new ArrayList<>();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
                withoutSeries.clear();
                bySelectors.clear();
                for (PromQueries.Query query : queries) {
                    if (!prometheus.seriesOver(query.expr(), scrapedFrom, STEP).isEmpty()) {
                        continue;
                    }
                    List<String> empty = new ArrayList<>();
                    for (String selector : PromQueries.selectors(query.expr())) {
                        if (prometheus.seriesOver(selector, scrapedFrom, STEP).isEmpty()) {
                            empty.add(selector);
                        }
                    }
                    if (query.alert() && empty.isEmpty()) {
                        bySelectors.add(query.origin());
                    } else {
                        withoutSeries.add(query.origin() + (empty.isEmpty() ? "" : " (no series: " + empty + ")"));
                    }
                }
                assertThat(withoutSeries).as("queries without series").isEmpty();
            });
            System.out.printf("%d dashboard and rule queries: %d returned series; alert conditions false here with all "
                    + "their selectors present: %s%n", queries.size(),
                    queries.size() - bySelectors.size() - withoutSeries.size(), bySelectors);
            assertThat(queries).hasSizeGreaterThanOrEqualTo(50);

            // and every rule evaluated without error
            JsonNode rules = prometheus.get("/api/v1/rules");
            List<String> unhealthy = new ArrayList<>();
            for (JsonNode group : rules.path("data").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (!"ok".equals(rule.path("health").asText())) {
                        unhealthy.add(rule.path("name").asText() + ": " + rule.path("lastError").asText());
                    }
                }
            }
            assertThat(unhealthy).isEmpty();

            // and every service logged JSON lines naming itself, the known events with what they are about
            Map<String, ServiceLogs> logs = new LinkedHashMap<>();
            for (String service : Platform.SERVICES) {
                ServiceLogs log = ServiceLogs.read(work.resolve("logs"), service);
                assertThat(log.unreadable()).as(service + " lines that are not JSON").isEmpty();
                assertThat(log.lines()).as(service + " lines").isNotEmpty()
                        .allSatisfy(line -> assertThat(line.path("service").asText()).isEqualTo(service))
                        .allSatisfy(line -> assertThat(line.path("level").asText()).isNotEmpty())
                        .allSatisfy(line -> assertThat(line.path("timestamp").asText()).isNotEmpty());
                logs.put(service, log);
            }
            assertLogFields(logs, served.version(), broken);
        }
    }

    /** The MDC fields of the lines about the events this test caused. */
    private static void assertLogFields(Map<String, ServiceLogs> logs, String served, String broken) {
        assertThat(logs.get("ingest-service").about("refused event from http")).as("ingest: refused records")
                .hasSizeGreaterThanOrEqualTo(5).allSatisfy(line -> {
                    assertThat(ServiceLogs.mdc(line, "pipeline")).isEqualTo(PIPELINE);
                    assertThat(ServiceLogs.mdc(line, "rejection_id")).isNotEmpty();
                });
        assertThat(logs.get("inference-service").about("now served by model " + served)).as("inference: the swap")
                .isNotEmpty().allSatisfy(line -> {
                    assertThat(ServiceLogs.mdc(line, "pipeline")).isEqualTo(PIPELINE);
                    assertThat(ServiceLogs.mdc(line, "model_version")).isEqualTo(served);
                });
        assertThat(logs.get("inference-service").about("cannot serve model " + broken)).as("inference: the failed load")
                .isNotEmpty().allSatisfy(line -> {
                    assertThat(line.path("level").asText()).isEqualTo("ERROR");
                    assertThat(ServiceLogs.mdc(line, "pipeline")).isEqualTo(PIPELINE);
                    assertThat(ServiceLogs.mdc(line, "model_version")).isEqualTo(broken);
                });
        assertThat(logs.get("monitor-service").about("DRIFT DETECTED (ACCURACY)")).as("monitor: the accuracy alarm")
                .isNotEmpty().allSatisfy(line -> {
                    assertThat(ServiceLogs.mdc(line, "pipeline")).isEqualTo(PIPELINE);
                    assertThat(ServiceLogs.mdc(line, "model_version")).isEqualTo(served);
                    assertThat(ServiceLogs.mdc(line, "drift_id")).isNotEmpty();
                    // raised by the outcome that tipped the window: its event and prediction
                    assertThat(ServiceLogs.mdc(line, "event_id")).startsWith("chance-e");
                    assertThat(ServiceLogs.mdc(line, "prediction_id")).startsWith("chance-p");
                });
        assertThat(logs.get("training-service").matching(line -> !ServiceLogs.mdc(line, "run_id").isEmpty()))
                .as("training: the run the drift started").isNotEmpty()
                .allSatisfy(line -> assertThat(ServiceLogs.mdc(line, "pipeline")).isEqualTo(PIPELINE));
    }

    /** pipelines/ with card-fraud deduplicating event ids, so that a duplicate is counted. */
    private static Path pipelinesWithDeduplication(Path repository, Path work) throws IOException {
        Path pipelines = Files.createDirectories(work.resolve("pipelines"));
        String spec = Files.readString(repository.resolve("pipelines").resolve(PIPELINE + ".yaml"));
        assertThat(spec).doesNotContain("\nvalidation:");
        Files.writeString(pipelines.resolve(PIPELINE + ".yaml"), spec + "\nvalidation:\n  deduplicate: {within: 10m}\n");
        return pipelines;
    }

    private static Path alertmanagerConfig(Path work, String webhookUrl) throws IOException {
        // The committed routing and receivers, with the receiver's URL pointed at this test's webhook.
        Map<String, Object> config = DeployFolder.yaml("deploy/alertmanager/alertmanager.yml");
        for (Object receiver : DeployFolder.list(config.get("receivers"), "receivers")) {
            for (Object webhook : DeployFolder.list(DeployFolder.map(receiver, "receiver").get("webhook_configs"), "hooks")) {
                DeployFolder.map(webhook, "webhook").put("url", webhookUrl);
            }
        }
        return write(work.resolve("alertmanager.yml"), config);
    }

    private static Path prometheusConfig(Path work, Platform platform, int alertmanagerPort) throws IOException {
        // As deploy/prometheus/prometheus.yml, but at this run's ports and scraping every second.
        List<Object> targets = new ArrayList<>();
        for (String service : Platform.SERVICES) {
            var uri = platform.uri(service, "/");
            targets.add(Map.of("targets", List.of("127.0.0.1:" + uri.getPort()), "labels", Map.of("service", service)));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("global", Map.of("scrape_interval", "1s", "evaluation_interval", "1s"));
        config.put("rule_files", List.of(DeployFolder.path(PromQueries.RULES).toString()));
        config.put("alerting", Map.of("alertmanagers",
                List.of(Map.of("static_configs", List.of(Map.of("targets", List.of("127.0.0.1:" + alertmanagerPort)))))));
        config.put("scrape_configs", List.of(Map.of("job_name", "flywheel", "metrics_path", "/q/metrics",
                "static_configs", targets)));
        return write(work.resolve("prometheus.yml"), config);
    }

    private static Path write(Path file, Map<String, Object> yaml) throws IOException {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(file, new Yaml(options).dump(yaml));
        return file;
    }

    /** 50 events, every tenth with a negative amount (rule {@code min} of {@code tx_amount}); then one again. */
    private static void postEventsWithRejectsAndADuplicate(Platform platform) throws IOException, InterruptedException {
        JsonNode first = postEvents(platform, events("obs-", 50, true));
        assertThat(first.path("accepted").asInt()).as(first.toString()).isEqualTo(45);
        assertThat(first.path("rejected").asInt()).as(first.toString()).isEqualTo(5);
        JsonNode again = postEvents(platform, events("obs-", 2, true).lines().skip(1).findFirst().orElseThrow());
        assertThat(again.path("results").path(0).path("status").asText()).as(again.toString()).isEqualTo("duplicate");
    }

    /** NDJSON of {@code count} card-fraud events; with {@code rejects}, every tenth has a negative amount. */
    private static String events(String idPrefix, int count, boolean rejects) throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < count; i++) {
            ObjectNode event = Json.mapper().createObjectNode().put("transaction_id", idPrefix + i)
                    .put("tx_datetime", "2018-04-01T00:" + String.format("%02d", i) + ":00Z")
                    .put("customer_id", "c" + (i % 5)).put("terminal_id", "t" + (i % 7))
                    .put("tx_amount", rejects && i % 10 == 0 ? -5.0 : 12.5 + i);
            body.append(Json.mapper().writeValueAsString(event)).append('\n');
        }
        return body.toString();
    }

    private static JsonNode postEvents(Platform platform, String ndjson) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        platform.uri("ingest-service", "/v1/pipelines/" + PIPELINE + "/events"))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(ndjson))
                .build(), HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(response.body());
    }

    /** An {@code http_api} source on the partner's API, declared at run time; its first poll starts at once. */
    private static void declarePartnerSource(Platform platform, PartnerApi partner) throws IOException, InterruptedException {
        ObjectNode source = Json.mapper().createObjectNode().put("name", "partner-api").put("type", "http_api")
                .put("url", partner.url()).put("interval", "1h");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        platform.uri("ingest-service", "/v1/pipelines/" + PIPELINE + "/sources"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(source))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static void predictSingleAndBatch(Platform platform, RuleVersion served) throws IOException, InterruptedException {
        Random random = new Random(3);
        ObjectNode single = Json.mapper().createObjectNode();
        single.set("features", Json.mapper().valueToTree(RuleVersion.row(random, served.featureNames(), false)));
        assertThat(post(platform, "/predict", single.toString()).statusCode()).isEqualTo(200);
        ArrayNode batch = Json.mapper().createArrayNode();
        for (int i = 0; i < 5; i++) {
            batch.addObject().set("features", Json.mapper().valueToTree(RuleVersion.row(random, served.featureNames(), false)));
        }
        assertThat(post(platform, "/predict/batch", batch.toString()).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> post(Platform platform, String path, String json)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(platform.uri("inference-service", "/v1/pipelines/" + PIPELINE + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Registers and promotes a version (held-out average precision 0.8, what its live quality is judged against). */
    private static void promote(KafkaProducer<byte[], byte[]> producer, String version, String artifactUri)
            throws Exception {
        send(producer, Topics.models(), PIPELINE, new ModelRegistered("reg-" + version, 1, PIPELINE, version,
                "baseline", artifactUri, Map.of("average_precision", 0.8), List.of(), "manual", Instant.now())).get();
        send(producer, Topics.models(), PIPELINE, new ModelPromoted("pro-" + version, 1, PIPELINE, version, null,
                artifactUri, "observability test", Instant.now())).get();
    }

    /**
     * Predictions of the served version with uniform scores on inputs shifted from its reference, and their labels
     * (a tenth positive) a week later.
     */
    private static void publishChancePredictions(KafkaProducer<byte[], byte[]> producer, RuleVersion served)
            throws Exception {
        Random random = new Random(11);
        Instant start = Instant.parse("2018-06-01T00:00:00Z");
        List<Future<?>> sent = new ArrayList<>();
        String version = served.version();
        for (int i = 0; i < PREDICTIONS; i++) {
            String eventId = "chance-e" + i;
            Instant eventTime = start.plusSeconds(60L * i);
            double score = random.nextDouble();
            double label = random.nextDouble() < 0.1 ? 1.0 : 0.0;
            sent.add(send(producer, Topics.predictions(PIPELINE), eventId, new PredictionMade("chance-p" + i, 1,
                    PIPELINE, eventId, version, score, score >= 0.5, RuleVersion.row(random, served.featureNames(), true),
                    eventTime, eventTime.plusMillis(5), 100)));
            sent.add(send(producer, Topics.labels(PIPELINE), eventId, new LabelReceived("chance-l" + i, 1, PIPELINE,
                    eventId, label, eventTime.plus(Duration.ofDays(7)), Instant.now())));
        }
        for (Future<?> future : sent) {
            future.get();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    private static <V> Future<?> send(KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, String key, V value) {
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        return producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes));
    }

    /** The version the monitor judges as served, from its quality endpoint. */
    private static String monitoredVersion(Platform platform) throws IOException, InterruptedException {
        return field(platform, "monitor-service", "/v1/pipelines/" + PIPELINE + "/quality", "servedVersion");
    }

    /** The version inference-service serves. */
    private static String inferenceVersion(Platform platform) throws IOException, InterruptedException {
        return field(platform, "inference-service", "/v1/pipelines/" + PIPELINE + "/model", "modelVersion");
    }

    private static String field(Platform platform, String service, String path, String field)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(platform.uri(service, path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Json.mapper().readTree(response.body()).path(field).asText() : null;
    }
}
