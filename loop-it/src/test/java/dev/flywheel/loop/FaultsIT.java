package dev.flywheel.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.ModelLifecycleEvent;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.BaselineRule;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;
import dev.flywheel.kafka.local.LocalKafkaBroker;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.RegistryLayout;
import dev.flywheel.model.RuleModel;

/**
 * Faults under load, over the real broker and the five services as processes: the broker killed in the middle of
 * a stream, {@code kill -9} of the feature service, the monitor, ingest and inference. A client posts events over HTTP throughout
 * and keeps what it was told; after each fault the monitor's reconciliation (the topics counted by event id) must
 * show every acknowledged event in Kafka exactly once, with exactly one feature vector and one prediction, and no
 * outcome counted twice. A rule model (the spec's baseline, {@code tx_amount > 220}) is served from the start, so
 * every vector is scored.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final String PIPELINE = "card-fraud";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final double RATE = Double.parseDouble(System.getProperty("faults.rate", "60"));
    /** The events each phase of a test sends at least; more with {@code -Dfaults.long=true}. */
    private static final int PHASE = Boolean.getBoolean("faults.long") ? 5_000 : 300;
    /** How long the platform may take to catch up after a fault; a loaded 2-core machine needed up to 2.5 min. */
    private static final Duration SETTLE = Duration.ofMinutes(4);

    private static Platform platform;
    private static PipelineSpec spec;

    @BeforeAll
    static void startThePlatformServingARuleModel() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "faults-run", Long.toString(System.currentTimeMillis())));
        Path repository = Path.of(System.getProperty("flywheel.repository.root", "..")).toAbsolutePath().normalize();
        Path pipelines = repository.resolve("pipelines");
        spec = PipelineSpecs.load(pipelines.resolve(PIPELINE + ".yaml"));
        long started = System.nanoTime();
        platform = Platform.start(repository, work, pipelines, Map.of(
                "quarkus.log.category.\"org.apache.kafka\".level", "WARN"));
        System.out.printf("faults: platform ready in %d s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));

        // The spec's baseline rule as a model version of its own, promoted on flywheel.models as training would.
        String version = "900001";
        Path versionDir = RegistryLayout.versionDir(work.resolve("models"), PIPELINE, version);
        RuleModel rule = new RuleModel(BaselineRule.parse("tx_amount > 220"), spec.featureNames());
        ModelArtifacts.write(versionDir, new ModelMetadata(ModelMetadata.FORMAT_VERSION, PIPELINE, version, "baseline",
                RuleModel.MODEL_TYPE, spec.featureNames(), List.of(), null, 0.5, rule.effectiveParams(), 1, Map.of(),
                List.of(), 0, 0, "manual", Instant.now(), Duration.ZERO), rule);
        publish(Topics.models(), PIPELINE, new ModelPromoted("faults-promotion", ModelPromoted.SCHEMA_VERSION,
                PIPELINE, version, null, versionDir.toUri().toString(), "fault tests", Instant.now()));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> version.equals(get(platform.uri("inference-service",
                        "/v1/pipelines/" + PIPELINE + "/model")).path("modelVersion").asText()));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void aBrokerKilledMidStreamLosesNoAcknowledgedEventAndDuplicatesNone() throws Exception {
        // Given a client posting events over HTTP
        HttpEventFeed feed = HttpEventFeed.start(ingest(), "broker", RATE, 10);
        try (feed) {
            await().atMost(SETTLE).until(() -> feed.acknowledgedCount() >= PHASE);

            // When the broker is killed (SIGKILL) mid-stream and started again on the same ports and data
            int before = feed.acknowledgedCount();
            long stopped = System.nanoTime();
            platform.restartBroker(LocalKafkaBroker.Stop.KILL);
            System.out.printf("faults: broker killed and back in %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
            await().atMost(SETTLE).until(() -> feed.acknowledgedCount() >= before + PHASE);
            System.out.printf("faults: broker restart: ingest answered again %d ms after the kill%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
        }

        // Then each acknowledged event is in Kafka once, with one vector and one prediction; nothing is doubled
        everyAcknowledgedEventIsThereOnce(feed, "broker restart");
        assertThat(platform.crashed()).isEmpty();
    }

    @Test
    @Order(2)
    void theFeatureServiceKilledUnderLoadResumesFromItsChangelogsWithoutLossOrDuplicate() throws Exception {
        HttpEventFeed feed = HttpEventFeed.start(ingest(), "feature-kill", RATE, 10);
        try (feed) {
            await().atMost(SETTLE).until(() -> feed.acknowledgedCount() >= PHASE);

            // When the feature service is killed with -9 while events keep coming, and started again
            long killed = System.nanoTime();
            platform.kill("feature-service");
            int down = feed.acknowledgedCount();
            await().atMost(SETTLE).until(() -> feed.acknowledgedCount() >= down + PHASE / 3);
            feed.pause();
            platform.startAgain("feature-service");
            System.out.printf("faults: feature-service killed and ready again in %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
            feed.resume();
            int up = feed.acknowledgedCount();
            await().atMost(SETTLE).until(() -> feed.acknowledgedCount() >= up + PHASE / 3);
        }

        // Then every event has exactly one vector (exactly-once Streams, state restored) and one prediction
        everyAcknowledgedEventIsThereOnce(feed, "feature-service kill -9");
    }

    @Test
    @Order(3)
    void theMonitorKilledUnderLoadCountsNoOutcomeTwice() throws Exception {
        // Given events, and their labels posted as they are acknowledged
        HttpEventFeed feed = HttpEventFeed.start(ingest(), "monitor-kill", RATE, 10);
        Set<String> labelled = new HashSet<>();
        try (feed) {
            await().atMost(SETTLE).until(() -> feed.acknowledgedCount() >= PHASE);
            labelled.addAll(label(feed.acknowledged(), labelled));

            // When the monitor is killed with -9 while predictions and labels keep coming, and started again
            long killed = System.nanoTime();
            platform.kill("monitor-service");
            int down = feed.acknowledgedCount();
            await().atMost(SETTLE).until(() -> feed.acknowledgedCount() >= down + PHASE / 3);
            labelled.addAll(label(feed.acknowledged(), labelled));
            feed.pause();
            platform.startAgain("monitor-service");
            System.out.printf("faults: monitor-service killed and ready again in %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
            feed.resume();
            int up = feed.acknowledgedCount();
            await().atMost(SETTLE).until(() -> feed.acknowledgedCount() >= up + PHASE / 3);
        }
        labelled.addAll(label(feed.acknowledged(), labelled));

        // Then every labelled, predicted event has exactly one outcome, and no prediction has two
        everyAcknowledgedEventIsThereOnce(feed, "monitor kill -9");
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("one outcome per labelled event").atMost(SETTLE).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    JsonNode report = reconcile(labelled);
                    last.set(report);
                    assertThat(idsWhere(report, labelled, counts -> counts.path("outcomes").asInt() != 1))
                            .as("labelled events without exactly one outcome (first 20)").isEmpty();
                });
        assertThat(last.get().path("outcomes").path("duplicateIds").asLong()).as(last.get().toString()).isZero();
        System.out.printf("faults: monitor kill -9: %d labelled events, each with one outcome%n", labelled.size());
    }

    @Test
    @Order(4)
    void theIngestServiceKilledUnderLoadLosesNoAcknowledgedEventAndDuplicatesNone() throws Exception {
        HttpEventFeed feed = HttpEventFeed.start(ingest(), "ingest-kill", RATE, 10);
        try (feed) {
            await().atMost(SETTLE).until(() -> feed.acknowledgedCount() >= PHASE);

            // When ingest is killed with -9 while requests are in flight, and started again on its port
            long killed = System.nanoTime();
            platform.kill("ingest-service");
            long failedBefore = feed.failedRequests();
            // The client keeps sending into the dead port until one request has failed: the kill hit it under load.
            await().atMost(SETTLE).until(() -> feed.failedRequests() > failedBefore);
            feed.pause();
            platform.startAgain("ingest-service");
            System.out.printf("faults: ingest-service killed and ready again in %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
            feed.resume();
            int up = feed.acknowledgedCount();
            await().atMost(SETTLE).until(() -> feed.acknowledgedCount() >= up + PHASE / 3);
        }

        // Then every acknowledged event is in Kafka once with one vector and one prediction; failed ones at most once
        assertThat(feed.failedRequests()).as("requests that failed while ingest was down").isPositive();
        everyAcknowledgedEventIsThereOnce(feed, "ingest kill -9");
    }

    @Test
    @Order(5)
    void theInferenceServiceKilledUnderLoadResumesFromItsCommittedOffsetsAndScoresEachVectorOnce() throws Exception {
        HttpEventFeed feed = HttpEventFeed.start(ingest(), "inference-kill", RATE, 10);
        try (feed) {
            await().atMost(SETTLE).until(() -> feed.acknowledgedCount() >= PHASE);

            // When inference is killed with -9 mid-transaction while vectors keep coming, and started again
            long killed = System.nanoTime();
            platform.kill("inference-service");
            int down = feed.acknowledgedCount();
            await().atMost(SETTLE).until(() -> feed.acknowledgedCount() >= down + PHASE / 3);
            feed.pause();
            platform.startAgain("inference-service");
            long ready = System.nanoTime();
            System.out.printf("faults: inference-service killed and ready again in %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(ready - killed));

            // Then HTTP predict answers again, with the model it served before
            AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
            await("predict answers after the restart").atMost(SETTLE).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> {
                        answer.set(predict());
                        return answer.get().statusCode() == 200;
                    });
            assertThat(Json.mapper().readTree(answer.get().body()).path("modelVersion").asText())
                    .isEqualTo("900001");
            System.out.printf("faults: inference-service answered /predict %d ms after the kill%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
            feed.resume();
            int up = feed.acknowledgedCount();
            await().atMost(SETTLE).until(() -> feed.acknowledgedCount() >= up + PHASE / 3);
        }

        // And each vector has exactly one committed prediction: nothing skipped, nothing scored twice
        everyAcknowledgedEventIsThereOnce(feed, "inference kill -9");
    }

    @Test
    @Order(6)
    void withTheRegistryGoneInferenceKeepsServingItsLoadedModel() throws Exception {
        // Given the model served, and the registry's host (training, which owns the registry database) killed
        String served = get(platform.uri("inference-service", "/v1/pipelines/" + PIPELINE + "/model"))
                .path("modelVersion").asText();
        platform.kill("training-service");

        // When events keep coming
        HttpEventFeed feed = HttpEventFeed.start(ingest(), "registry-gone", RATE, 10);
        try (feed) {
            await().atMost(SETTLE).until(() -> feed.acknowledgedCount() >= PHASE);
        }

        // Then every one is still scored, by the same version, and inference stays ready
        everyAcknowledgedEventIsThereOnce(feed, "registry gone");
        assertThat(get(platform.uri("inference-service", "/v1/pipelines/" + PIPELINE + "/model"))
                .path("modelVersion").asText()).isEqualTo(served);
        assertThat(get(platform.uri("inference-service", "/q/health/ready")).path("status").asText()).isEqualTo("UP");
        platform.startAgain("training-service");
    }

    /**
     * Waits until every acknowledged id has its vector and prediction, then checks: acknowledged ids once on each
     * stream, unconfirmed ones at most once, and no duplicate on any stream of the pipeline.
     */
    private static void everyAcknowledgedEventIsThereOnce(HttpEventFeed feed, String fault) throws Exception {
        Set<String> acknowledged = feed.acknowledged();
        Set<String> unconfirmed = feed.unconfirmed();
        List<String> ids = new ArrayList<>(acknowledged);
        ids.addAll(unconfirmed);
        long settling = System.nanoTime();
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await(fault + ": every acknowledged event scored").atMost(SETTLE).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    JsonNode report = reconcile(ids);
                    last.set(report);
                    assertThat(idsWhere(report, acknowledged, counts -> counts.path("features").asInt() == 0
                            || counts.path("predictions").asInt() == 0))
                            .as("acknowledged events without a vector or a prediction (first 20)").isEmpty();
                });
        JsonNode report = last.get();
        assertThat(idsWhere(report, acknowledged, counts -> counts.path("events").asInt() != 1
                || counts.path("features").asInt() != 1 || counts.path("predictions").asInt() != 1))
                .as(fault + ": acknowledged events not exactly once on events, features and predictions").isEmpty();
        assertThat(idsWhere(report, unconfirmed, counts -> counts.path("events").asInt() > 1
                || counts.path("features").asInt() > 1 || counts.path("predictions").asInt() > 1))
                .as(fault + ": unconfirmed events more than once").isEmpty();
        for (String stream : List.of("events", "features", "predictions", "outcomes")) {
            assertThat(report.path(stream).path("duplicateIds").asLong()).as(fault + ": duplicated ids on " + stream
                    + " " + report.path(stream)).isZero();
        }
        System.out.printf("faults: %s: %d acknowledged, %d unconfirmed (%d failed requests); reconciled %d ms after "
                        + "the feed stopped; reconciliation read in %s ms%n", fault, acknowledged.size(),
                unconfirmed.size(), feed.failedRequests(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settling), report.path("readMillis").asText());
    }

    /** Posts a label for each id not labelled yet (every fifth one fraud); returns the ids labelled now. */
    private static Set<String> label(Set<String> ids, Set<String> already) throws IOException, InterruptedException {
        ArrayNode labels = Json.mapper().createArrayNode();
        Set<String> now = new HashSet<>();
        for (String id : ids) {
            if (!already.contains(id)) {
                ObjectNode label = labels.addObject();
                label.put("transaction_id", id);
                label.put("tx_fraud", id.hashCode() % 5 == 0 ? 1 : 0);
                // An hour after the event: without it the label time is now, years after these events' time,
                // and the join rightly drops a label later than the spec's label.maxDelay.
                label.put("label_time", HttpEventFeed.eventTimeOf(id).plus(Duration.ofHours(1)).toString());
                now.add(id);
            }
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        platform.uri("ingest-service", "/v1/pipelines/" + PIPELINE + "/labels"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(labels.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return now;
    }

    private static List<String> idsWhere(JsonNode report, Set<String> ids, Predicate<JsonNode> wrong) {
        List<String> found = new ArrayList<>();
        for (String id : ids) {
            if (wrong.test(report.path("eventIds").path(id))) {
                found.add(id + " " + report.path("eventIds").path(id));
            }
        }
        return found.size() > 20 ? found.subList(0, 20) : found;
    }

    private static JsonNode reconcile(Collection<String> ids) throws IOException, InterruptedException {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("eventIds", Json.mapper().valueToTree(ids));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        platform.uri("monitor-service", "/v1/pipelines/" + PIPELINE + "/reconciliation?sample=20"))
                .timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    /** One prediction over HTTP, on a row of ones. */
    private static HttpResponse<String> predict() throws IOException, InterruptedException {
        ObjectNode features = Json.mapper().createObjectNode();
        spec.featureNames().forEach(name -> features.put(name, 1.0));
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("features", features);
        return HTTP.send(HttpRequest.newBuilder(platform.uri("inference-service", "/v1/pipelines/" + PIPELINE
                        + "/predict")).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI ingest() {
        return platform.uri("ingest-service", "/v1/pipelines/" + PIPELINE + "/events");
    }

    private static JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Json.mapper().readTree(response.body()) : Json.mapper().nullNode();
    }

    private static void publish(Topic<String, ModelLifecycleEvent> topic, String key, ModelLifecycleEvent value)
            throws Exception {
        try (KafkaProducer<String, ModelLifecycleEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get(30, TimeUnit.SECONDS);
        }
    }
}
