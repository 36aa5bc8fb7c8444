package dev.flywheel.inference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The service as a client and the platform see it, against the real broker: real models trained with
 * model-core are written to a registry folder of this test and promoted on {@code flywheel.models}.
 *
 * <p>The first test runs before any promotion (the 503 case); the service and broker are shared by every
 * test of this JVM, so later tests make sure a model serves before they start.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1) // first of the @QuarkusTests (quarkus.test.class-orderer): its first test needs no model promoted yet
class PredictionServiceTest {

    private static final String PIPELINE = "card-fraud";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestModels testModels;
    private static Path registry;

    @Inject
    TopicPublisher publisher;
    @Inject
    PipelineCatalog catalog;
    @Inject
    MeterRegistry meters;
    @TestHTTPResource("/v1/pipelines/card-fraud/predict")
    URI predictUri;

    private List<String> featureNames;

    @BeforeEach
    void trainOnce() throws IOException {
        featureNames = catalog.require(PIPELINE).featureNames();
        if (testModels == null) {
            registry = Files.createTempDirectory(Path.of("target"), "registry-");
            testModels = new TestModels(registry, PIPELINE, featureNames);
        }
    }

    @AfterAll
    static void deleteRegistry() throws IOException {
        if (registry == null) {
            return;
        }
        try (var paths = Files.walk(registry)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void beforeAnyPromotionPredictionsAre503TheStreamIsSkippedAndTheServiceIsReady() throws Exception {
        // Given no model promoted yet
        double skippedBefore = count(meters.find("flywheel_inference_stream_skipped").tags("reason", "no_model").counter());

        // When a client asks for a prediction and a feature vector arrives on the stream
        given().contentType(ContentType.JSON).body(request(null, 100, 1))
                .post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(503)
                .body("error", containsString("no model serves pipeline 'card-fraud' yet"))
                .body("error", containsString("no model has been promoted on flywheel.models"));
        publish(Topics.features(PIPELINE), "skipped-1", vector("skipped-1", featureNames));

        // Then the model endpoint says so too, the vector is skipped and counted, and the service is ready
        given().get("/v1/pipelines/{p}/model", PIPELINE).then().statusCode(503).body("modelVersion", nullValue());
        await().atMost(WAIT).until(() -> count(meters.find("flywheel_inference_stream_skipped")
                .tags("reason", "no_model").counter()) > skippedBefore);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'models loaded' }.status", is("UP"));
    }

    @Test
    @Order(2)
    void aPromotedModelAnswersWithItsVersionAndEveryPredictionIsLogged() throws Exception {
        // Given a freshly trained model promoted on the models topic
        ModelPromoted promoted = promoteAndAwait();

        // When a client asks for a prediction on a named event
        String eventId = UUID.randomUUID().toString();
        JsonNode answer = Json.mapper().readTree(given().contentType(ContentType.JSON)
                .body(request(eventId, 190, 1, "2018-04-01T02:07:56+02:00"))
                .post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(200).extract().asString());

        // Then that model answers, and its decision follows the threshold
        assertThat(answer.get("modelVersion").asText()).isEqualTo(promoted.modelVersion());
        assertThat(answer.get("pipeline").asText()).isEqualTo(PIPELINE);
        double score = answer.get("score").asDouble();
        assertThat(score).isBetween(0.0, 1.0);
        assertThat(answer.get("decision").asBoolean()).isEqualTo(score >= 0.5);
        given().get("/v1/pipelines/{p}/model", PIPELINE).then().statusCode(200)
                .body("modelVersion", is(promoted.modelVersion()))
                .body("threshold", is(0.5f))
                .body("featureNames", is(featureNames))
                .body("metadata.candidate", is("logistic"))
                .body("promotion.eventId", is(promoted.eventId()));

        // And the prediction is logged, keyed to the event, with the vector the model saw
        try (var predictions = TopicProbe.of(Topics.predictions(PIPELINE))) {
            PredictionMade logged = predictions.await(p -> p.eventId().equals(answer.get("predictionId").asText()), WAIT);
            assertThat(logged.sourceEventId()).isEqualTo(eventId);
            assertThat(logged.eventTime()).isEqualTo(Instant.parse("2018-04-01T00:07:56Z"));
            assertThat(logged.modelVersion()).isEqualTo(promoted.modelVersion());
            assertThat(logged.score()).isEqualTo(score);
            assertThat(logged.features()).containsEntry("tx_amount", 190.0).hasSize(featureNames.size());
            assertThat(logged.latencyMicros()).isPositive();
        }
    }

    @Test
    @Order(3)
    void wrongRequestsAre400NamingEveryFieldAndUnknownPipelines404() {
        ensureServing();
        Map<String, Object> features = features(100, 1);
        features.remove("tx_amount");
        features.put("tx_amout", 100);
        features.put("tx_during_night", "yes");

        given().contentType(ContentType.JSON).body(Map.of("features", features, "eventTime", "yesterday"))
                .post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(400)
                .body("violations.field", hasItems("features.tx_amount", "features.tx_amout",
                        "features.tx_during_night", "eventTime"));
        given().contentType(ContentType.JSON).body("{\"eventId\": \"e-1\"}")
                .post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(400).body("violations[0].field", is("features"));
        given().contentType(ContentType.JSON).body("[" + request("a", 10, 0) + ", {\"features\": {}}]")
                .post("/v1/pipelines/{p}/predict/batch", PIPELINE)
                .then().statusCode(400).body("violations.field", hasItems("[1].features.tx_amount"));
        given().contentType(ContentType.JSON).body(request(null, 10, 0))
                .post("/v1/pipelines/{p}/predict", "no-such-pipeline")
                .then().statusCode(404).body("error", containsString("no pipeline 'no-such-pipeline'"));
        given().contentType(ContentType.JSON).body("[" + String.join(",", java.util.Collections.nCopies(1001,
                        request(null, 10, 0))) + "]")
                .post("/v1/pipelines/{p}/predict/batch", PIPELINE)
                .then().statusCode(413);
    }

    @Test
    @Order(4)
    void aBatchIsScoredByOneModelAndEachPredictionLogged() throws Exception {
        String version = ensureServing();
        List<String> ids = List.of("b-" + UUID.randomUUID(), "b-" + UUID.randomUUID(), "b-" + UUID.randomUUID());

        JsonNode answers = Json.mapper().readTree(given().contentType(ContentType.JSON)
                .body("[" + request(ids.get(0), 20, 0) + "," + request(ids.get(1), 190, 1) + ","
                        + request(ids.get(2), 120, 1) + "]")
                .post("/v1/pipelines/{p}/predict/batch", PIPELINE)
                .then().statusCode(200).extract().asString());

        assertThat(answers).hasSize(3);
        answers.forEach(answer -> assertThat(answer.get("modelVersion").asText()).isEqualTo(version));
        try (var predictions = TopicProbe.of(Topics.predictions(PIPELINE))) {
            for (String id : ids) {
                assertThat(predictions.await(p -> id.equals(p.sourceEventId()), WAIT).modelVersion()).isEqualTo(version);
            }
        }
    }

    @Test
    @Order(5)
    void aPromotionWhileClientsHammerPredictSwapsTheVersionWithoutASingleFailedRequest() throws Exception {
        // Given version A serving, version B written to the registry, and two clients predicting without pause
        ModelPromoted a = promoteAndAwait();
        ModelPromoted b = testModels.writeVersion(TestModels.nextVersion(), a.modelVersion());
        Hammer hammer = new Hammer(post(request(null, 120, 1)), b.modelVersion());
        List<Thread> clients = List.of(new Thread(hammer::run, "client-1"), new Thread(hammer::run, "client-2"));
        clients.forEach(Thread::start);
        await().atMost(WAIT).until(() -> hammer.answered.get() >= 300);

        // When B is promoted under that load
        long promotedAt = System.nanoTime();
        publish(Topics.models(), PIPELINE, b);
        await().atMost(WAIT).until(() -> hammer.answeredBy(b.modelVersion()) >= 300);
        hammer.stop.set(true);
        for (Thread client : clients) {
            client.join(WAIT.toMillis());
        }

        // Then no request failed, both versions answered, and once a client saw B it never saw A again
        assertThat(hammer.failed).isEmpty();
        assertThat(hammer.byVersion.keySet()).containsExactlyInAnyOrder(a.modelVersion(), b.modelVersion());
        assertThat(hammer.sequences.values()).hasSize(2).allSatisfy(sequence ->
                assertThat(new ArrayList<>(new LinkedHashSet<>(sequence)))
                        .containsExactly(a.modelVersion(), b.modelVersion()));
        System.out.printf("hot swap under load: %d requests by 2 clients, %d non-200; %d answered by A, %d by B; "
                        + "first answer by B %d ms after the promotion was published%n", hammer.answered.get(),
                hammer.failed.size(), hammer.answeredBy(a.modelVersion()), hammer.answeredBy(b.modelVersion()),
                (hammer.firstAnswerBy.get() - promotedAt) / 1_000_000);
    }

    @Test
    @Order(6)
    void everyFeatureVectorOnTheStreamIsScoredAndLoggedWithItsEventTime() throws Exception {
        // Given a model serving
        String version = ensureServing();
        double incompleteBefore = count(meters.find("flywheel_inference_stream_skipped")
                .tags("reason", "missing_features").counter());

        // When feature-service publishes a vector, and one that lacks features
        String id = "tx-" + UUID.randomUUID();
        FeaturesComputed vector = vector(id, featureNames);
        publish(Topics.features(PIPELINE), id, vector);
        publish(Topics.features(PIPELINE), "incomplete", vector("incomplete", featureNames.subList(0, 3)));

        // Then a prediction for the vector is logged, with the vector's event and time
        try (var predictions = TopicProbe.of(Topics.predictions(PIPELINE))) {
            PredictionMade logged = predictions.await(p -> id.equals(p.sourceEventId()), WAIT);
            assertThat(logged.eventTime()).isEqualTo(vector.eventTime());
            assertThat(logged.modelVersion()).isEqualTo(version);
            assertThat(logged.features()).isEqualTo(vector.features());
        }
        // And the incomplete one is skipped and counted
        await().atMost(WAIT).until(() -> count(meters.find("flywheel_inference_stream_skipped")
                .tags("reason", "missing_features").counter()) > incompleteBefore);
    }

    @Test
    @Order(7)
    void aPromotedModelThatCannotBeLoadedLeavesTheServingOneAndIsReported() throws Exception {
        // Given a model serving
        String serving = ensureServing();
        double failuresBefore = count(meters.find("flywheel_inference_model_load_failures").counter());

        // When a version whose artifact does not exist is promoted
        String broken = TestModels.nextVersion();
        publish(Topics.models(), PIPELINE, testModels.promotion(broken, serving, "file:/no/such/registry/" + broken));

        // Then the failure is reported and counted, and the serving model still answers; the service stays ready
        await().atMost(WAIT).untilAsserted(() -> given().get("/v1/pipelines/{p}/model", PIPELINE)
                .then().statusCode(200)
                .body("modelVersion", is(serving))
                .body("lastFailure.modelVersion", is(broken)));
        assertThat(count(meters.find("flywheel_inference_model_load_failures").counter())).isGreaterThan(failuresBefore);
        given().contentType(ContentType.JSON).body(request(null, 50, 0))
                .post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(200).body("modelVersion", is(serving));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    @Order(8)
    void singlePredictionLatencyIsTimedWithPercentilesAndExportedToPrometheus() throws Exception {
        // Given a model serving, warmed up by a few requests
        ensureServing();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = post(request(null, 75, 0));
        for (int i = 0; i < 200; i++) {
            http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        Timer timer = meters.find("flywheel_inference_latency").tags("pipeline", PIPELINE, "mode", "single").timer();
        long before = timer.count();

        // When 2000 single predictions are asked one after the other
        int n = 2_000;
        long[] roundTrips = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            roundTrips[i] = System.nanoTime() - start;
            assertThat(response.statusCode()).isEqualTo(200);
        }

        // Then each was timed, with percentiles, and the meters are on the Prometheus endpoint
        assertThat(timer.count() - before).isEqualTo(n);
        Map<Double, Double> percentiles = new LinkedHashMap<>();
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            percentiles.put(value.percentile(), value.value(TimeUnit.MICROSECONDS));
        }
        assertThat(percentiles).containsKeys(0.5, 0.95, 0.99);
        Arrays.sort(roundTrips);
        System.out.printf("single prediction in the service (flywheel_inference_latency, mode=single): p50 %.0f us, "
                        + "p95 %.0f us, p99 %.0f us, mean %.0f us; HTTP round trip from the test client p50 %d us, "
                        + "p99 %d us%n", percentiles.get(0.5), percentiles.get(0.95), percentiles.get(0.99),
                timer.mean(TimeUnit.MICROSECONDS), roundTrips[n / 2] / 1_000, roundTrips[n * 99 / 100] / 1_000);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("flywheel_inference_latency_seconds{mode=\"single\",pipeline=\"card-fraud\",quantile=\"0.99\"}"))
                .body(containsString("flywheel_inference_latency_seconds_bucket"))
                .body(containsString("flywheel_inference_predictions_total{mode=\"single\",model_version="))
                .body(containsString("flywheel_inference_predictions_published_total{outcome=\"ok\",pipeline=\"card-fraud\"}"))
                .body(containsString("flywheel_inference_model_swaps_total{pipeline=\"card-fraud\"}"))
                .body(containsString("flywheel_inference_model_load_failures_total"));
    }

    /** A client that predicts without pause until stopped, recording what answered each request. */
    private static final class Hammer {
        private final HttpClient http = HttpClient.newHttpClient();
        private final HttpRequest request;
        private final String awaitedVersion;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong firstAnswerBy = new AtomicLong();
        final List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Map<String, AtomicLong> byVersion = new ConcurrentHashMap<>();
        final Map<String, List<String>> sequences = new ConcurrentHashMap<>();

        Hammer(HttpRequest request, String awaitedVersion) {
            this.request = request;
            this.awaitedVersion = awaitedVersion;
        }

        void run() {
            List<String> sequence = new ArrayList<>();
            sequences.put(Thread.currentThread().getName(), sequence);
            while (!stop.get()) {
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        failed.add(response.statusCode() + " " + response.body());
                        continue;
                    }
                    String version = Json.mapper().readTree(response.body()).get("modelVersion").asText();
                    if (version.equals(awaitedVersion)) {
                        firstAnswerBy.compareAndSet(0, System.nanoTime());
                    }
                    synchronized (sequence) {
                        sequence.add(version);
                    }
                    byVersion.computeIfAbsent(version, v -> new AtomicLong()).incrementAndGet();
                    answered.incrementAndGet();
                } catch (IOException e) {
                    failed.add(e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        long answeredBy(String version) {
            AtomicLong count = byVersion.get(version);
            return count == null ? 0 : count.get();
        }
    }

    // --- helpers ---

    /** Writes a new version, promotes it and waits until it serves. */
    private ModelPromoted promoteAndAwait() throws Exception {
        String previous = given().get("/v1/pipelines/{p}/model", PIPELINE).then().extract().path("modelVersion");
        ModelPromoted promotion = testModels.writeVersion(TestModels.nextVersion(), previous);
        publish(Topics.models(), PIPELINE, promotion);
        await().atMost(WAIT).untilAsserted(() -> given().get("/v1/pipelines/{p}/model", PIPELINE)
                .then().statusCode(200).body("modelVersion", is(promotion.modelVersion())));
        return promotion;
    }

    /** The serving version, after promoting one if none serves. */
    private String ensureServing() {
        String serving = given().get("/v1/pipelines/{p}/model", PIPELINE).then().extract().path("modelVersion");
        if (serving != null) {
            return serving;
        }
        try {
            return promoteAndAwait().modelVersion();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <V> void publish(dev.flywheel.contracts.Topic<String, V> topic, String key, V value) throws Exception {
        publisher.publish(topic, key, value).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Map<String, Object> features(double amount, int night) {
        Map<String, Object> features = new LinkedHashMap<>();
        featureNames.forEach(name -> features.put(name, 1.0));
        features.put("tx_amount", amount);
        features.put("tx_during_night", night);
        return features;
    }

    private String request(String eventId, double amount, int night) {
        return request(eventId, amount, night, null);
    }

    private String request(String eventId, double amount, int night, String eventTime) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (eventId != null) {
            body.put("eventId", eventId);
        }
        if (eventTime != null) {
            body.put("eventTime", eventTime);
        }
        body.put("features", features(amount, night));
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(predictUri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static FeaturesComputed vector(String eventId, List<String> names) {
        Map<String, Double> features = new LinkedHashMap<>();
        names.forEach(name -> features.put(name, 2.0));
        return new FeaturesComputed("features-" + eventId, FeaturesComputed.SCHEMA_VERSION, PIPELINE, eventId,
                Instant.parse("2018-04-02T03:04:05Z"), Instant.now(), Map.of("customer_id", "42"), features);
    }

    private static double count(Counter counter) {
        return counter == null ? 0 : counter.count();
    }
}
