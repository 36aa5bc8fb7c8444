package dev.flywheel.training;

import static dev.flywheel.training.HeadlessChromium.charts;
import static dev.flywheel.training.HeadlessChromium.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A tuned training end to end, over HTTP against the real broker: the bootstrap tunes the three candidates of the
 * {@code tuning-demo} spec (6 trials each, successive halving 6 → 2 → 1), records every trial in the
 * run result and the report, registers the winner with its best trial's params, and shows the tuning's progress; a
 * second run on the same data samples the same trials.
 */
@QuarkusTest
@TestProfile(TuningTestProfile.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TunedTrainingTest {

    private static final String PIPELINE = TuningTestProfile.PIPELINE;
    private static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(120);
    /** Each candidate's halving resource and its full value, the last rung's. */
    private static final Map<String, Map.Entry<String, Integer>> FULL_RESOURCE = Map.of("mlp", Map.entry("epochs", 4),
            "logistic", Map.entry("epochs", 4), "boosted", Map.entry("rounds", 9));

    @TempDir
    static Path dir;

    @Inject
    PipelineCatalog catalog;

    @Test
    @Order(1)
    void theBootstrapTunesBothCandidatesAndRegistersTheBestTrialsParams() throws Exception {
        // Given 6 simulated days of examples
        publishInOneTransaction(SimulatedExamples.days(PIPELINE, catalog.require(PIPELINE).featureNames(), 0, 6));

        // When the bootstrap has run
        JsonPath run = Awaitility.await().atMost(TRAINING_TIMEOUT).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> given().get("/v1/pipelines/{p}/trainings", PIPELINE).then().extract().jsonPath()
                                .setRootPath("[0]"),
                        json -> List.of("SUCCEEDED", "FAILED", "REFUSED").contains(json.getString("status")));

        // Then every candidate recorded its 6 trials: 2 reached rung 1, one of them rung 2 with the full resource
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        for (String candidate : FULL_RESOURCE.keySet()) {
            String path = "result.candidates.find { it.name == '" + candidate + "' }";
            List<Map<String, Object>> trials = run.getList(path + ".trials");
            assertThat(trials).as(candidate).hasSize(6).allSatisfy(trial -> {
                assertThat((Map<String, Object>) trial.get("params")).isNotEmpty();
                assertThat(trial.get("status")).isIn("completed", "stopped_early");
                assertThat(((Number) trial.get("millis")).longValue()).isNotNegative();
            });
            assertThat(trials).filteredOn(trial -> (Integer) trial.get("rung") >= 1).hasSize(2);
            assertThat(trials).filteredOn(trial -> "completed".equals(trial.get("status"))).singleElement()
                    .satisfies(trial -> {
                        assertThat(trial.get("rung")).isEqualTo(2);
                        assertThat(trial.get("resource")).isEqualTo(FULL_RESOURCE.get(candidate).getValue());
                        assertThat(trial.get("trial")).isEqualTo(run.getInt(path + ".bestTrial"));
                    });
            assertThat(run.getString(path + ".message")).startsWith("best of 6 trials: trial ")
                    .contains("halving 6×1 → 2×3 → 1×" + FULL_RESOURCE.get(candidate).getValue());
        }

        // And the registered version's params are the winning candidate's best trial's, with the full epochs
        String winner = run.getString("result.candidate");
        String winnerPath = "result.candidates.find { it.name == '" + winner + "' }";
        int bestTrial = run.getInt(winnerPath + ".bestTrial");
        Map<String, Object> bestParams = run.getMap(winnerPath + ".trials.find { it.trial == " + bestTrial + " }.params");
        JsonPath version = given().get("/v1/pipelines/{p}/models/{v}", PIPELINE, run.getString("result.version"))
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> registered = version.getMap("metadata.trainingParams");
        assertThat(registered).containsAllEntriesOf(bestParams)
                .containsEntry(FULL_RESOURCE.get(winner).getKey(), FULL_RESOURCE.get(winner).getValue());

        // And the status shows the tuning's progress: the last trial of N, trainings done, the best so far
        assertThat(run.getDouble("progress.percent")).isEqualTo(100.0);
        assertThat(run.getDouble("progress.stepsPerSecond")).isPositive();
        assertThat(run.getLong("progress.stepsDone")).isEqualTo(run.getLong("progress.stepsTotal"));
        assertThat(run.getInt("progress.tuning.trials")).isEqualTo(6);
        assertThat(run.getInt("progress.tuning.trainings")).isEqualTo(run.getInt("progress.tuning.scheduled"))
                .isEqualTo(6 + 2 + 1);
        assertThat(run.getDouble("progress.tuning.bestScore")).isBetween(0.0, 1.0);

        // And the report holds the trials: in report.json, and as a chart and a table per candidate in report.html
        JsonPath report = given().get("/v1/pipelines/{p}/trainings/{id}/report.json", PIPELINE, run.getString("id"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("candidates.find { it.name == 'mlp' }.trials")).hasSize(6);
        String html = given().get("/v1/pipelines/{p}/trainings/{id}/report.html", PIPELINE, run.getString("id"))
                .then().statusCode(200).extract().asString();
        Path page = dir.resolve("report.html");
        Files.writeString(page, html);
        String dom = new HeadlessChromium(dir).dumpDom(page);
        assertThat(charts(dom, "trials")).hasSize(3).allSatisfy(svg -> {
            // every trial's rung-0 score, the two rung-1 and the one rung-2 scores; the winner ringed once
            assertThat(count(svg, "<circle class=\"trial")).isEqualTo(6 + 2 + 1);
            assertThat(count(svg, "<circle class=\"winner\"")).isEqualTo(1);
            assertThat(count(svg, "<polyline class=\"best-so-far\"")).isEqualTo(1);
        });
        for (String candidate : FULL_RESOURCE.keySet()) {
            String table = dom.substring(dom.indexOf("<table class=\"trials\" id=\"trials-" + candidate + "\""));
            table = table.substring(0, table.indexOf("</table>"));
            assertThat(count(table, "<tr")).isEqualTo(1 + 6);
            assertThat(count(table, "stopped_early")).isEqualTo(5);
        }
    }

    @Test
    @Order(2)
    void theSameSeedSamplesTheSameTrialsOnTheNextRun() {
        // Given the bootstrap's trials
        JsonPath first = given().get("/v1/pipelines/{p}/trainings", PIPELINE).then().extract().jsonPath()
                .setRootPath("[0]");

        // When a manual training runs on the same data
        String location = given().post("/v1/pipelines/{p}/trainings", PIPELINE).then().statusCode(202)
                .extract().header("Location");
        JsonPath second = Awaitility.await().atMost(TRAINING_TIMEOUT).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> given().get(URI.create(location)).then().statusCode(200).extract().jsonPath(),
                        json -> !List.of("QUEUED", "RUNNING").contains(json.getString("status")));

        // Then both candidates tried the same configurations in the same order
        assertThat(second.getString("status")).as(second.prettify()).isEqualTo("SUCCEEDED");
        for (String candidate : FULL_RESOURCE.keySet()) {
            String params = "result.candidates.find { it.name == '" + candidate + "' }.trials.params";
            assertThat(second.getList(params)).isEqualTo(first.getList(params)).hasSize(6);
        }
    }

    /** One transaction, so the bootstrap check (read_committed) sees all of the examples or none. */
    private static void publishInOneTransaction(List<ExampleLabelled> examples) {
        Topic<String, ExampleLabelled> topic = Topics.examples(PIPELINE);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tuning-test-" + UUID.randomUUID());
        try (KafkaProducer<String, ExampleLabelled> producer = new KafkaProducer<>(config,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            examples.forEach(example -> producer.send(new ProducerRecord<>(topic.name(), example.sourceEventId(), example)));
            producer.commitTransaction();
        }
    }
}
