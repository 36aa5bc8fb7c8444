package dev.flywheel.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import dev.flywheel.loop.Platform;

/**
 * The monitoring of deploy/ against the running platform: the broker and the five services as processes, a real
 * Prometheus (Debian) scraping them every second with the committed alert rules, and a real Alertmanager
 * (Debian) with the committed routing, its webhook pointed at a receiver in this test.
 *
 * <p>It forces a drift (a promoted model whose predictions turn out no better than chance) and a model that cannot
 * be loaded, and asserts that FlywheelDriftDetected and FlywheelModelLoadFailed reach the webhook with their
 * labels; that every dashboard query and rule expression is accepted by Prometheus, every rule evaluates without
 * error, and every metric the catalogue marks {@code seen_in_it} has series.
 */
class ObservabilityIT {

    private static final String PIPELINE = "card-fraud";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int PREDICTIONS = 1500;

    @Test
    void aForcedDriftAndABrokenModelReachTheWebhookAndEveryQueryRuns() throws Exception {
        // Kept after the run: the services', Prometheus' and Alertmanager's logs for whoever reads a failure.
        Path work = Files.createDirectories(Path.of("target", "observability-run",
                Long.toString(System.currentTimeMillis()))).toAbsolutePath();
        Path repository = DeployFolder.root();
        int alertmanagerPort = MonitoringProcess.freePort();

        try (WebhookReceiver webhook = WebhookReceiver.start();
             Platform platform = Platform.start(repository, work, repository.resolve("pipelines"),
                     Map.of("quarkus.log.category.\"org.apache.kafka\".level", "WARN"));
             MonitoringProcess alertmanager = MonitoringProcess.start(new CommandLineTool("prometheus-alertmanager"),
                     "prometheus-alertmanager", alertmanagerPort,
                     List.of("--config.file=" + alertmanagerConfig(work, webhook.url()),
                             "--storage.path=" + work.resolve("alertmanager"), "--cluster.listen-address="),
                     work, work.resolve("logs/alertmanager.log"));
             MonitoringProcess prometheus = MonitoringProcess.start(new CommandLineTool("prometheus"), "prometheus",
                     MonitoringProcess.freePort(),
                     List.of("--config.file=" + prometheusConfig(work, platform, alertmanagerPort),
                             "--storage.tsdb.path=" + work.resolve("prometheus")),
                     work, work.resolve("logs/prometheus.log"))) {

            // Given Prometheus scraping all five services and Alertmanager ready
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                    .until(() -> alertmanager.ready() && prometheus.ready());
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> seriesOf(prometheus, "up{job=\"flywheel\"} == 1").size() == Platform.SERVICES.size());

            // When records with broken amounts are posted, a model is promoted that cannot be loaded, and its
            // predictions turn out to be no better than chance
            postEventsWithRejects(platform);
            String version = "it-" + Long.toString(System.currentTimeMillis(), 36);
            try (KafkaProducer<byte[], byte[]> producer = producer(platform.bootstrapServers())) {
                send(producer, Topics.models(), PIPELINE, new ModelRegistered("reg-" + version, 1, PIPELINE, version,
                        "logistic", "file:///nonexistent/" + version, Map.of("average_precision", 0.8), List.of(),
                        "manual", Instant.now())).get();
                send(producer, Topics.models(), PIPELINE, new ModelPromoted("pro-" + version, 1, PIPELINE, version, null,
                        "file:///nonexistent/" + version, "observability test", Instant.now())).get();
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> version.equals(servedVersion(platform)));
                publishChancePredictions(producer, version);
            }

            // Then the drift and the load failure arrive at the webhook as firing alerts with their labels
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
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

            // and every metric the catalogue expects here has series
            List<String> expected = PromQueries.catalogue().values().stream()
                    .filter(m -> Boolean.TRUE.equals(m.get("seen_in_it"))).map(m -> m.get("name").toString()).toList();
            assertThat(expected).hasSizeGreaterThan(10);
            // (within a few scrapes: the retrain that the drift starts is refused a moment later, for want of examples;
            // and Micrometer's Kafka binders look for client metrics that appeared after start once a minute, so a
            // Kafka Streams node's first e2e-latency metric may take that long to be exported)
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (String name : expected) {
                    assertThat(seriesOf(prometheus, name)).as("series of " + name).isNotEmpty();
                }
            });
            assertThat(seriesOf(prometheus, "flywheel_ingest_violations_total{pipeline=\"card-fraud\",field=\"tx_amount\",rule=\"min\"}"))
                    .hasSize(1);

            // and every dashboard query and rule expression is accepted by Prometheus
            List<PromQueries.Query> queries = new ArrayList<>(PromQueries.dashboards());
            queries.addAll(PromQueries.rules());
            List<String> withoutSeries = new ArrayList<>();
            for (PromQueries.Query query : queries) {
                JsonNode answer = query(prometheus, query.expr());
                assertThat(answer.path("status").asText()).as(query.origin() + ": " + answer).isEqualTo("success");
                if (answer.path("data").path("result").isEmpty()) {
                    withoutSeries.add(query.origin());
                }
            }
            // For the record: what needs traffic this test does not make (a served model, pull sources, ...).
            System.out.printf("%d of %d queries returned series; without: %s%n", queries.size() - withoutSeries.size(),
                    queries.size(), withoutSeries);
            // and every rule evaluated without error
            JsonNode rules = get(prometheus, "/api/v1/rules");
            List<String> unhealthy = new ArrayList<>();
            for (JsonNode group : rules.path("data").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (!"ok".equals(rule.path("health").asText())) {
                        unhealthy.add(rule.path("name").asText() + ": " + rule.path("lastError").asText());
                    }
                }
            }
            assertThat(unhealthy).isEmpty();
        }
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

    /** 50 events, every tenth with a negative amount (rule {@code min} of {@code tx_amount}). */
    private static void postEventsWithRejects(Platform platform) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            ObjectNode event = Json.mapper().createObjectNode().put("transaction_id", "obs-" + i)
                    .put("tx_datetime", "2018-04-01T00:" + String.format("%02d", i) + ":00Z")
                    .put("customer_id", "c" + (i % 5)).put("terminal_id", "t" + (i % 7))
                    .put("tx_amount", i % 10 == 0 ? -5.0 : 12.5);
            body.append(Json.mapper().writeValueAsString(event)).append('\n');
        }
        JsonNode first = postEvents(platform, body.toString());
        assertThat(first.path("accepted").asInt()).as(first.toString()).isEqualTo(45);
        assertThat(first.path("rejected").asInt()).as(first.toString()).isEqualTo(5);
    }

    private static JsonNode postEvents(Platform platform, String ndjson) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        platform.uri("ingest-service", "/v1/pipelines/" + PIPELINE + "/events"))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(ndjson))
                .build(), HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(response.body());
    }

    /** Predictions of {@code version} with uniform scores, and their labels (a tenth positive) a week later. */
    private static void publishChancePredictions(KafkaProducer<byte[], byte[]> producer, String version) throws Exception {
        Random random = new Random(11);
        Instant start = Instant.parse("2018-06-01T00:00:00Z");
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < PREDICTIONS; i++) {
            String eventId = version + "-e" + i;
            Instant eventTime = start.plusSeconds(60L * i);
            double score = random.nextDouble();
            double label = random.nextDouble() < 0.1 ? 1.0 : 0.0;
            sent.add(send(producer, Topics.predictions(PIPELINE), eventId, new PredictionMade(version + "-p" + i, 1,
                    PIPELINE, eventId, version, score, score >= 0.5, Map.of("tx_amount", 10.0), eventTime,
                    eventTime.plusMillis(5), 100)));
            sent.add(send(producer, Topics.labels(PIPELINE), eventId, new LabelReceived(version + "-l" + i, 1, PIPELINE,
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

    private static String servedVersion(Platform platform) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                platform.uri("monitor-service", "/v1/pipelines/" + PIPELINE + "/quality")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Json.mapper().readTree(response.body()).path("servedVersion").asText() : null;
    }

    private static List<JsonNode> seriesOf(MonitoringProcess prometheus, String expr) throws IOException, InterruptedException {
        JsonNode answer = query(prometheus, expr);
        assertThat(answer.path("status").asText()).as(expr + ": " + answer).isEqualTo("success");
        List<JsonNode> series = new ArrayList<>();
        ((ArrayNode) answer.path("data").path("result")).forEach(series::add);
        return series;
    }

    private static JsonNode query(MonitoringProcess prometheus, String expr) throws IOException, InterruptedException {
        return get(prometheus, "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    }

    private static JsonNode get(MonitoringProcess prometheus, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(prometheus.uri(pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(response.body());
    }
}
