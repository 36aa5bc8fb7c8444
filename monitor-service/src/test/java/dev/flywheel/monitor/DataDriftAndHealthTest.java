package dev.flywheel.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Files;
import java.nio.file.Path;
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

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.ModelRegistered;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.model.ReferenceDistributions;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Data drift against the reference stored with a version, over the real broker: predictions like the reference
 * do not drift; shifted ones do (DATA drift on the topic, the report, the gauges, the webhook, the health page);
 * predictions like the reference again resolve it (the webhook's "resolved").
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = WebhookReceiverResource.class, restrictToAnnotatedClass = false)
class DataDriftAndHealthTest {

    private static final String P = "card-fraud";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> FEATURES = List.of("tx_amount", "customer_nb_tx_1d", "tx_during_weekend");
    /** %test: data.window 1000, data.every 250, data.min-samples 250. */
    private static final int WINDOW = 1_000;

    @Inject
    TopicPublisher publisher;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String version = "data-" + run;
    private final Random random = new Random(11);
    /**
     * Before the event times of LiveQualityAndDriftTest: these predictions also pass the outcome join, whose stream
     * time they must not push past that test's events (it would forget them as older than label.maxDelay).
     */
    private final Instant start = Instant.parse("2018-05-01T00:00:00Z");
    private int sent;

    @Test
    void shiftedInputsDriftAgainstTheVersionsReferenceAndRecover() throws Exception {
        try (TopicProbe<DriftDetected> driftProbe = TopicProbe.of(Topics.drift())) {
            // Given a version registered with a reference of 20,000 rows (its artifacts folder), and promoted
            Path folder = Files.createTempDirectory("flywheel-version-");
            double[][] rows = new double[20_000][];
            double[] scores = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = row(false);
                scores[i] = random.nextDouble() * 0.2;
            }
            ReferenceDistributions.write(folder, ReferenceDistributions.of("test", FEATURES, rows, scores));
            publisher.publish(Topics.models(), P, new ModelRegistered("reg-" + run, 1, P, version, "logistic",
                    folder.toUri().toString(), Map.of("average_precision", 0.8), List.of(), "manual", Instant.now()))
                    .toCompletableFuture().join();
            publisher.publish(Topics.models(), P, new ModelPromoted("pro-" + run, 1, P, version, null,
                    folder.toUri().toString(), "test", Instant.now())).toCompletableFuture().join();
            await().atMost(TIMEOUT).until(() -> version.equals(
                    given().get("/v1/pipelines/{p}/health", P).then().extract().jsonPath().getString("servedVersion")));

            // When it predicts on inputs like its reference
            predict(WINDOW, false);

            // Then the report says no feature drifted
            JsonPath calm = awaitReport(report -> report.getInt("liveCount") == WINDOW);
            assertThat(calm.getBoolean("datasetDrift")).isFalse();
            assertThat(calm.getList("features.feature")).containsExactlyElementsOf(FEATURES);
            assertThat(calm.getList("features.test")).containsExactly("psi", "psi", "psi");
            assertThat(calm.getInt("drifted")).isZero();

            // When the amounts and the daily counts move
            predict(WINDOW, true);

            // Then two of three features drift, the data set drifts, and a DATA drift is published with evidence
            JsonPath drifted = awaitReport(report -> report.getBoolean("datasetDrift"));
            assertThat(drifted.getList("features.findAll { it.drifted }.feature"))
                    .containsExactly("tx_amount", "customer_nb_tx_1d");
            assertThat(drifted.getDouble("driftShare")).isCloseTo(2 / 3.0, within(1e-6));
            assertThat(drifted.getDouble("features[0].psi")).isGreaterThan(0.25);
            DriftDetected drift = driftProbe.await(d -> version.equals(d.modelVersion())
                    && d.kind() == DriftDetected.Kind.DATA, TIMEOUT);
            assertThat(drift.metric()).isEqualTo("drift_share");
            assertThat(drift.observed()).isGreaterThanOrEqualTo(drift.threshold());
            assertThat(drift.details()).containsKeys("psi:tx_amount", "psi:customer_nb_tx_1d", "drifted:tx_amount");
            assertThat(drift.windowEnd()).isAfter(drift.windowStart());

            // and the webhook received it, Prometheus shows the PSI, and the health page shows the alarm
            await().atMost(TIMEOUT).until(() -> received("firing").isPresent());
            assertThat(received("firing").orElseThrow().path("kind").asText()).isEqualTo("DATA");
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("flywheel_monitor_data_drift_psi{feature=\"tx_amount\",pipeline=\"" + P + "\"}"))
                    .body(containsString("flywheel_monitor_data_drift_share{pipeline=\"" + P + "\"}"))
                    .body(containsString("flywheel_monitor_prediction_drift_psi{pipeline=\"" + P + "\"}"));
            JsonPath health = given().get("/v1/pipelines/{p}/health", P).then().statusCode(200).extract().jsonPath();
            assertThat(health.getString("status")).isEqualTo("drifting");
            assertThat(health.getBoolean("data.datasetDrift")).isTrue();
            assertThat(health.getList("data.driftedFeatures")).containsExactly("tx_amount", "customer_nb_tx_1d");
            assertThat(health.getList("openAlarms.kind")).contains("DATA");
            assertThat(health.getInt("labels.predictions")).isBetween(WINDOW + 250, 2 * WINDOW);
            assertThat(health.getString("concept.detector")).isEqualTo("adwin");

            // When the inputs return to the reference's distribution for a whole window
            predict(WINDOW, false);

            // Then the drift is resolved: the report, the health page and the webhook say so
            awaitReport(report -> !report.getBoolean("datasetDrift") && report.getInt("drifted") == 0);
            await().atMost(TIMEOUT).until(() -> received("resolved").isPresent());
            assertThat(received("resolved").orElseThrow().path("reason").asText()).startsWith("drift share fell to");
            assertThat(given().get("/v1/pipelines/{p}/health", P).then().extract().jsonPath().getString("status"))
                    .isEqualTo("ok");
        }
    }

    @Test
    void theDataDriftEndpointSaysWhyThereIsNoReportAndRefusesAnUnknownPipeline() {
        given().get("/v1/pipelines/{p}/drift/data", "no-such-pipeline").then().statusCode(404);
        given().get("/v1/pipelines/{p}/health", "no-such-pipeline").then().statusCode(404);
    }

    private java.util.Optional<JsonNode> received(String status) {
        return WebhookReceiverResource.RECEIVED.stream().filter(body -> version.equals(body.path("modelVersion").asText())
                && "DATA".equals(body.path("kind").asText()) && status.equals(body.path("status").asText())).findFirst();
    }

    private JsonPath awaitReport(java.util.function.Predicate<JsonPath> until) {
        java.util.concurrent.atomic.AtomicReference<JsonPath> last = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(TIMEOUT).until(() -> {
            var response = given().get("/v1/pipelines/{p}/drift/data", P);
            if (response.statusCode() != 200) {
                return false;
            }
            JsonPath report = response.jsonPath();
            last.set(report);
            return version.equals(report.getString("modelVersion")) && until.test(report);
        });
        return last.get();
    }

    /** Reference: amount ~ lognormal around 50, 0-6 daily transactions, a quarter on weekends; shifted: x3, +4. */
    private double[] row(boolean shifted) {
        double amount = Math.exp(Math.log(50) + 0.5 * random.nextGaussian());
        double daily = random.nextInt(7);
        double weekend = random.nextDouble() < 0.25 ? 1 : 0;
        return shifted ? new double[] {amount * 3, daily + 4, weekend} : new double[] {amount, daily, weekend};
    }

    private void predict(int count, boolean shifted) {
        List<CompletionStage<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] row = row(shifted);
            Map<String, Double> features = Map.of(FEATURES.get(0), row[0], FEATURES.get(1), row[1], FEATURES.get(2), row[2]);
            String eventId = run + "-e" + sent;
            Instant eventTime = start.plusSeconds(60L * sent);
            futures.add(publisher.publish(Topics.predictions(P), eventId, new PredictionMade(run + "-p" + sent, 1, P,
                    eventId, version, random.nextDouble() * 0.2, false, features, eventTime, eventTime, 50)));
            sent++;
        }
        CompletableFuture.allOf(futures.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new)).join();
    }
}
