package dev.flywheel.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.ModelRegistered;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.metric.BinaryMetrics;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * The monitor against the real broker: a promoted model whose predictions are first good, then useless, is
 * joined with its labels into outcomes, measured, and reported as accuracy drift once and as concept drift
 * (its error stream) once.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class LiveQualityAndDriftTest {

    private static final String P = "card-fraud";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int GOOD = 600;
    private static final int BAD = 1500;
    private static final double BASELINE = 0.8;

    @Inject
    TopicPublisher publisher;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String version = "test-" + run;
    private final Random random = new Random(7);
    private final Instant goodStart = Instant.parse("2018-06-01T00:00:00Z");
    private final Instant badStart = goodStart.plus(Duration.ofDays(10));

    @Test
    void aModelThatTurnsBadIsMeasuredAndReportedAsAccuracyDriftOnce() throws Exception {
        try (TopicProbe<OutcomeObserved> outcomeProbe = TopicProbe.of(Topics.outcomes(P));
             TopicProbe<DriftDetected> driftProbe = TopicProbe.of(Topics.drift())) {
            // Given a registered model with a holdout average precision of 0.8, promoted to serve the pipeline
            publish(Topics.models(), P, new ModelRegistered("reg-" + run, 1, P, version, "logistic", "file:///m/" + run,
                    Map.of("average_precision", BASELINE, "roc_auc", 0.95), List.of(), "manual", Instant.now()));
            publish(Topics.models(), P, new ModelPromoted("pro-" + run, 1, P, version, null, "file:///m/" + run,
                    "test", Instant.now()));
            await().atMost(TIMEOUT).until(() -> version.equals(quality("").getString("servedVersion")));

            // When it scores well, with some labels arriving before their predictions
            List<double[]> good = predictAndLabel(0, GOOD, goodStart, true);

            // Then the outcomes appear and its quality is perfect, with no drift
            awaitOutcomes(GOOD);
            assertThat(versionQuality("").getDouble("metrics.average_precision")).isEqualTo(1.0);
            assertThat(given().get("/v1/pipelines/{p}/drift", P).then().statusCode(200).extract().jsonPath()
                    .getList("findAll { it.modelVersion == '" + version + "' }")).isEmpty();

            // When it then scores at random
            List<double[]> bad = predictAndLabel(GOOD, BAD, badStart, false);

            // Then every prediction has one outcome on the topic
            await().atMost(TIMEOUT).until(() -> {
                outcomeProbe.await(any -> true, TIMEOUT);
                return outcomeProbe.seen().stream().filter(this::ours).count() >= GOOD + BAD;
            });
            assertThat(outcomeProbe.seen().stream().filter(this::ours).map(OutcomeObserved::predictionId).distinct())
                    .hasSize(GOOD + BAD);
            awaitOutcomes(GOOD + BAD);

            // and the quality endpoint agrees with the contracts metrics on the same outcomes
            List<double[]> all = new ArrayList<>(good);
            all.addAll(bad);
            assertQualityEquals(versionQuality(""), all);
            assertQualityEquals(versionQuality(badStart.toString()), bad);

            // and exactly one accuracy drift is reported for this version
            DriftDetected drift = driftProbe.await(d -> version.equals(d.modelVersion())
                    && d.kind() == DriftDetected.Kind.ACCURACY, TIMEOUT);
            assertThat(drift.metric()).isEqualTo("average_precision");
            assertThat(drift.observed()).isLessThan(drift.threshold());
            assertThat(drift.baseline()).isEqualTo(BASELINE);
            assertThat(drift.details().get("positives")).isPositive();
            // and the concept-drift detector (ADWIN, the demo spec's) finds the rise of the error rate, with
            // its evidence, once within the debounce period
            DriftDetected concept = driftProbe.await(d -> version.equals(d.modelVersion())
                    && d.kind() == DriftDetected.Kind.CONCEPT, TIMEOUT);
            assertThat(concept.metric()).isEqualTo("error_rate:adwin");
            assertThat(concept.observed()).isGreaterThan(concept.threshold());
            assertThat(concept.details()).containsKeys("window_before", "window_after", "old_mean", "new_mean", "delta");
            assertThat(concept.details().get("new_mean")).isGreaterThan(concept.details().get("old_mean"));
            assertThat(concept.details().get("index")).as("found after the switch, within 1,000 outcomes")
                    .isBetween((double) GOOD, GOOD + 1000.0);
            assertThat(concept.windowEnd()).isAfterOrEqualTo(badStart);
            driftProbe.await(any -> true, TIMEOUT);
            assertThat(driftProbe.seen().stream().filter(d -> version.equals(d.modelVersion())))
                    .extracting(DriftDetected::kind)
                    .containsExactlyInAnyOrder(DriftDetected.Kind.ACCURACY, DriftDetected.Kind.CONCEPT);
            assertThat(given().get("/v1/pipelines/{p}/drift", P).then().statusCode(200).extract().jsonPath()
                    .getList("findAll { it.modelVersion == '" + version + "' }.kind"))
                    .containsExactlyInAnyOrder("ACCURACY", "CONCEPT");

            // and Prometheus shows the version's live quality, and its detector in the drift state
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("flywheel_monitor_detector_state{detector=\"adwin\",pipeline=\"" + P + "\"} 2.0"))
                    .body(containsString("flywheel_monitor_quality{metric=\"average_precision\",model_version=\"" + version
                            + "\",pipeline=\"" + P + "\"}"))
                    .body(containsString("flywheel_monitor_outcomes_total{model_version=\"" + version + "\""));
        }
    }

    @Test
    void theQualityEndpointRefusesAnUnreadableSinceAndAnUnknownPipeline() {
        given().queryParam("since", "yesterday").get("/v1/pipelines/{p}/quality", P)
                .then().statusCode(400);
        given().get("/v1/pipelines/{p}/quality", "no-such-pipeline").then().statusCode(404);
        given().get("/v1/pipelines/{p}/drift", "no-such-pipeline").then().statusCode(404);
    }

    /**
     * Publishes predictions of this run's version and their labels (a tenth positive); every fifth label goes
     * first. Good: positives scored about 0.9, negatives about 0.1; bad: uniform scores.
     *
     * @return each event's {score, label}
     */
    private List<double[]> predictAndLabel(int from, int count, Instant start, boolean good) {
        List<double[]> pairs = new ArrayList<>();
        List<CompletionStage<?>> sent = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String eventId = run + "-e" + i;
            Instant eventTime = start.plusSeconds(60L * (i - from));
            double label = random.nextDouble() < 0.1 ? 1.0 : 0.0;
            double score = good ? (label == 1.0 ? 0.85 : 0.05) + random.nextDouble() * 0.1 : random.nextDouble();
            pairs.add(new double[] {score, label});
            var prediction = new PredictionMade(run + "-p" + i, 1, P, eventId, version, score, score >= 0.5,
                    Map.of("tx_amount", 10.0), eventTime, eventTime.plusMillis(5), 100);
            var labelled = new LabelReceived(run + "-l" + i, 1, P, eventId, label, eventTime.plus(Duration.ofDays(7)),
                    Instant.now());
            if (i % 5 == 0) {
                sent.add(publisher.publish(Topics.labels(P), eventId, labelled));
                sent.add(publisher.publish(Topics.predictions(P), eventId, prediction));
            } else {
                sent.add(publisher.publish(Topics.predictions(P), eventId, prediction));
                sent.add(publisher.publish(Topics.labels(P), eventId, labelled));
            }
        }
        CompletableFuture.allOf(sent.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new))
                .join();
        return pairs;
    }

    private void assertQualityEquals(JsonPath versionQuality, List<double[]> pairs) {
        double[] scores = pairs.stream().mapToDouble(pair -> pair[0]).toArray();
        double[] labels = pairs.stream().mapToDouble(pair -> pair[1]).toArray();
        assertThat(versionQuality.getInt("outcomes")).isEqualTo(pairs.size());
        assertThat(versionQuality.getInt("positives")).isEqualTo((int) pairs.stream().filter(p -> p[1] == 1.0).count());
        assertThat(versionQuality.getDouble("metrics.average_precision"))
                .isCloseTo(BinaryMetrics.averagePrecision(scores, labels), within(1e-12));
        assertThat(versionQuality.getDouble("metrics.roc_auc"))
                .isCloseTo(BinaryMetrics.rocAuc(scores, labels), within(1e-12));
    }

    private void awaitOutcomes(int count) {
        await().atMost(TIMEOUT).until(() -> {
            Integer outcomes = versionQuality("").get("outcomes");
            return outcomes != null && outcomes >= count;
        });
        assertThat(versionQuality("").getInt("outcomes")).isEqualTo(count);
    }

    private JsonPath versionQuality(String since) {
        return quality(since).setRootPath("versions.find { it.modelVersion == '" + version + "' }");
    }

    private JsonPath quality(String since) {
        String body = given().queryParam("since", since).get("/v1/pipelines/{p}/quality", P)
                .then().statusCode(200).extract().asString();
        // doubles, not RestAssured's default floats: the values are compared to 1e-12
        return new JsonPath(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private boolean ours(OutcomeObserved outcome) {
        return version.equals(outcome.modelVersion());
    }

    private <V> void publish(Topic<String, V> topic, String key, V value) {
        publisher.publish(topic, key, value).toCompletableFuture().join();
    }
}
