package dev.flywheel.training;

import static dev.flywheel.training.HeadlessChromium.charts;
import static dev.flywheel.training.HeadlessChromium.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A regression pipeline trained end to end over HTTP against the real broker: from numeric examples on its topic,
 * the bootstrap fits least squares, boosted trees tuned on RMSE (lower is better) and a network, judges them and the
 * training mean on the later slice, and registers the winner with RMSE, MAE and R²; the report draws predicted
 * against actual values, not ROC or precision-recall curves.
 */
@QuarkusTest
@TestProfile(RegressionTestProfile.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class RegressionTrainingTest {

    private static final String PIPELINE = RegressionTestProfile.PIPELINE;
    private static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(150);

    @TempDir
    static Path dir;

    @Test
    void theBootstrapTrainsARegressionPipelineAndRegistersRmseMaeAndR2() throws Exception {
        // Given 3,000 delivery times over about 3 days: linear in distance, non-linear in load and hour, with noise
        publishInOneTransaction(deliveries(3_000, 11));

        // When the bootstrap run has finished
        JsonPath run = Awaitility.await().atMost(TRAINING_TIMEOUT).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> given().get("/v1/pipelines/{p}/trainings", PIPELINE).then().extract().jsonPath()
                                .setRootPath("[0]"),
                        json -> List.of("SUCCEEDED", "FAILED", "REFUSED").contains(json.getString("status")));

        // Then it succeeded, ranked by RMSE, and every candidate has regression metrics only
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(run.getString("result.selectionMetric")).isEqualTo("rmse");
        for (String candidate : List.of("linear", "boosted", "mlp")) {
            Map<String, Float> metrics = run.getMap("result.candidates.find { it.name == '" + candidate + "' }.metrics");
            assertThat(metrics).as(candidate).containsOnlyKeys("rmse", "mae", "r2");
        }

        // And the winner is a non-linear model that beats least squares and the training mean on RMSE
        String winner = run.getString("result.candidate");
        double winnerRmse = run.getDouble("result.metrics.rmse");
        double linearRmse = run.getDouble("result.candidates.find { it.name == 'linear' }.metrics.rmse");
        assertThat(winner).isIn("boosted", "mlp");
        assertThat(winnerRmse).isLessThan(linearRmse);
        assertThat(run.getString("result.baseline.type")).isEqualTo("constant");
        assertThat(run.getString("result.baseline.message")).startsWith("predict the training mean");
        assertThat(run.getDouble("result.baseline.metrics.r2")).isBetween(-0.05, 0.0);
        assertThat(run.getBoolean("result.beatsBaseline")).isTrue();
        assertThat(run.getDouble("result.metrics.r2")).isGreaterThan(0.9);

        // And tuning kept the trial with the LOWEST held-out RMSE among those that completed
        List<Map<String, Object>> trials = run.getList("result.candidates.find { it.name == 'boosted' }.trials");
        assertThat(trials).hasSize(4);
        Map<String, Object> best = trials.stream()
                .filter(trial -> trial.get("trial").equals(run.getInt("result.candidates.find { it.name == 'boosted' }"
                        + ".bestTrial"))).findFirst().orElseThrow();
        assertThat(trials).filteredOn(trial -> trial.get("score") != null).hasSizeGreaterThan(1)
                .allSatisfy(trial -> assertThat(((Number) trial.get("score")).doubleValue())
                        .isGreaterThanOrEqualTo(((Number) best.get("score")).doubleValue()));

        // And the registered version carries RMSE, MAE, R² and the task, so scorers answer values
        JsonPath version = given().get("/v1/pipelines/{p}/models/{v}", PIPELINE, run.getString("result.version"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(version.getMap("metadata.metrics")).containsKeys("rmse", "mae", "r2");
        assertThat(version.getDouble("metadata.metrics.rmse")).isEqualTo(winnerRmse);
        assertThat(version.getString("metadata.trainingParams.task")).isEqualTo("regression");

        // And the report shows the predicted-vs-actual chart and the baseline, and no ROC, PR or confusion matrix
        String html = given().get("/v1/pipelines/{p}/trainings/{id}/report.html", PIPELINE, run.getString("id"))
                .then().statusCode(200).extract().asString();
        Path page = dir.resolve("report.html");
        Files.writeString(page, html);
        String dom = new HeadlessChromium(dir).dumpDom(page);
        assertThat(charts(dom, "predicted-actual")).singleElement()
                .satisfies(svg -> assertThat(count(svg, "<circle")).isBetween(300, 601));
        assertThat(charts(dom, "roc")).isEmpty();
        assertThat(charts(dom, "confusion")).isEmpty();
        assertThat(dom).contains("The model beats the baseline on rmse");
    }

    /**
     * {@code minutes = 12 + 3 distance + 8 sin(hour) + 0.4 load² + noise}: least squares gets the distance, not the
     * rest. Event times a minute and a half apart, so 3,000 orders span about 3 days.
     */
    private static List<ExampleLabelled> deliveries(int count, long seed) {
        Random random = new Random(seed);
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        List<ExampleLabelled> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double distance = 10 * random.nextDouble();
            double load = 4 * random.nextGaussian();
            double hour = 2 * Math.PI * random.nextDouble();
            double minutes = 12 + 3 * distance + 8 * Math.sin(hour) + 0.4 * load * load + random.nextGaussian();
            Map<String, Double> features = new LinkedHashMap<>();
            features.put("distance_km", distance);
            features.put("load", load);
            features.put("hour_angle", hour);
            Instant at = start.plusSeconds(90L * i);
            examples.add(new ExampleLabelled("example-" + i, ExampleLabelled.SCHEMA_VERSION, PIPELINE, "order-" + i, at,
                    features, minutes, at.plus(Duration.ofHours(1))));
        }
        return examples;
    }

    /** One transaction, so the bootstrap check (read_committed) sees all of the examples or none. */
    private static void publishInOneTransaction(List<ExampleLabelled> examples) {
        Topic<String, ExampleLabelled> topic = Topics.examples(PIPELINE);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "regression-test-" + UUID.randomUUID());
        try (KafkaProducer<String, ExampleLabelled> producer = new KafkaProducer<>(config,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            examples.forEach(example -> producer.send(new ProducerRecord<>(topic.name(), example.sourceEventId(), example)));
            producer.commitTransaction();
        }
    }
}
