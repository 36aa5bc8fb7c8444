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
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.metric.RegressionMetrics;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * The monitor on the example regression pipeline ({@code pipelines/examples/delivery-time-regression.yaml}) against
 * the real broker: a served version's predictions joined with their numeric labels are measured as live RMSE, MAE
 * and R², and its residual stream raises no concept drift while the errors are as on the holdout, then one
 * (Page–Hinkley on the absolute error) once they triple.
 */
@QuarkusTest
@TestProfile(RegressionMonitoringTest.ExamplePipelines.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class RegressionMonitoringTest {

    /** The monitor with the example pipelines only. */
    public static class ExamplePipelines implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flywheel.pipelines-dir", "../pipelines/examples");
        }
    }

    private static final String P = "delivery-time";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int GOOD = 1000;
    private static final int BAD = 800;
    /** Held-out residuals N(0, σ): RMSE σ, MAE σ·sqrt(2/π). */
    private static final double SIGMA = 2;

    @Inject
    TopicPublisher publisher;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String version = "test-" + run;
    private final Random random = new Random(11);
    private final Instant goodStart = Instant.parse("2026-06-01T00:00:00Z");
    private final Instant badStart = goodStart.plus(Duration.ofDays(5));

    @Test
    void liveRegressionQualityIsMeasuredAndGrowingResidualsRaiseConceptDrift() {
        try (TopicProbe<DriftDetected> driftProbe = TopicProbe.of(Topics.drift())) {
            // Given a regression version registered with its held-out RMSE, MAE and R², promoted to serve
            double mae = SIGMA * Math.sqrt(2 / Math.PI);
            publish(Topics.models(), P, new ModelRegistered("reg-" + run, 1, P, version, "boosted", "file:///m/" + run,
                    Map.of("rmse", SIGMA, "mae", mae, "r2", 0.96), List.of(), "manual", Instant.now()));
            publish(Topics.models(), P, new ModelPromoted("pro-" + run, 1, P, version, null, "file:///m/" + run,
                    "test", Instant.now()));
            await().atMost(TIMEOUT).until(() -> version.equals(quality("").getString("servedVersion")));

            // When it predicts as well as on its holdout
            List<double[]> good = predictAndLabel(0, GOOD, goodStart, SIGMA);

            // Then the live RMSE, MAE and R² are the contracts' over the same outcomes, and no concept drift is raised
            awaitOutcomes(GOOD);
            assertQualityEquals(versionQuality(""), good);
            assertThat(conceptDrifts()).isEmpty();

            // When its errors triple (the relation it learnt changed)
            List<double[]> bad = predictAndLabel(GOOD, BAD, badStart, 3 * SIGMA);

            // Then the window since the change shows it, and Page–Hinkley on the absolute error raises concept drift
            // soon after the change
            awaitOutcomes(GOOD + BAD);
            assertQualityEquals(versionQuality(badStart.toString()), bad);
            DriftDetected concept = driftProbe.await(d -> version.equals(d.modelVersion())
                    && d.kind() == DriftDetected.Kind.CONCEPT, TIMEOUT);
            assertThat(concept.metric()).isEqualTo("abs_error:page_hinkley");
            assertThat(concept.observed()).isGreaterThan(concept.threshold());
            assertThat(concept.details().get("index")).as("found after the change, within 300 outcomes")
                    .isBetween((double) GOOD, GOOD + 300.0);
            assertThat(concept.windowEnd()).isAfterOrEqualTo(badStart);
            assertThat(conceptDrifts()).isNotEmpty();

            // and Prometheus has the version's live R² and the detector in the drift state
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("flywheel_monitor_quality{metric=\"r2\",model_version=\"" + version
                            + "\",pipeline=\"" + P + "\"}"))
                    .body(containsString("flywheel_monitor_detector_state{detector=\"page_hinkley\",pipeline=\"" + P
                            + "\"} 2.0"));
        }
    }

    /**
     * Publishes predictions of this run's version and their labels: minutes around 40, each prediction off by a
     * N(0, sigma) error; every fifth label goes first.
     *
     * @return each event's {prediction, label}
     */
    private List<double[]> predictAndLabel(int from, int count, Instant start, double sigma) {
        List<double[]> pairs = new ArrayList<>();
        List<CompletionStage<?>> sent = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String eventId = run + "-e" + i;
            Instant eventTime = start.plusSeconds(60L * (i - from));
            double label = 40 + 10 * random.nextGaussian();
            double prediction = label + sigma * random.nextGaussian();
            pairs.add(new double[] {prediction, label});
            var predicted = new PredictionMade(run + "-p" + i, 1, P, eventId, version, prediction, false,
                    Map.of("distance_km", 5.0, "items", 2.0, "ordered_at_night", 0.0, "courier_orders_1h", 3.0),
                    eventTime, eventTime.plusMillis(5), 100);
            var labelled = new LabelReceived(run + "-l" + i, 1, P, eventId, label, eventTime.plus(Duration.ofHours(1)),
                    Instant.now());
            if (i % 5 == 0) {
                sent.add(publisher.publish(Topics.labels(P), eventId, labelled));
                sent.add(publisher.publish(Topics.predictions(P), eventId, predicted));
            } else {
                sent.add(publisher.publish(Topics.predictions(P), eventId, predicted));
                sent.add(publisher.publish(Topics.labels(P), eventId, labelled));
            }
        }
        CompletableFuture.allOf(sent.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new))
                .join();
        return pairs;
    }

    private void assertQualityEquals(JsonPath versionQuality, List<double[]> pairs) {
        double[] predictions = pairs.stream().mapToDouble(pair -> pair[0]).toArray();
        double[] labels = pairs.stream().mapToDouble(pair -> pair[1]).toArray();
        assertThat(versionQuality.getInt("outcomes")).isEqualTo(pairs.size());
        assertThat(versionQuality.getDouble("metrics.rmse"))
                .isCloseTo(RegressionMetrics.rmse(predictions, labels), within(1e-9));
        assertThat(versionQuality.getDouble("metrics.mae"))
                .isCloseTo(RegressionMetrics.mae(predictions, labels), within(1e-9));
        assertThat(versionQuality.getDouble("metrics.r2"))
                .isCloseTo(RegressionMetrics.r2(predictions, labels), within(1e-9));
    }

    private List<Object> conceptDrifts() {
        return given().get("/v1/pipelines/{p}/drift", P).then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.modelVersion == '" + version + "' && it.kind == 'CONCEPT' }");
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
        return new JsonPath(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private <V> void publish(Topic<String, V> topic, String key, V value) {
        publisher.publish(topic, key, value).toCompletableFuture().join();
    }
}
