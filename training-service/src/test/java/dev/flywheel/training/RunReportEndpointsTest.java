package dev.flywheel.training;

import static dev.flywheel.training.HeadlessChromium.charts;
import static dev.flywheel.training.HeadlessChromium.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.runtime.PipelineCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Training with {@code model.training.cleaning} and the run report, over HTTP against the real broker: the bootstrap
 * trains version 1 on cleaned data and records the cleaning in the run and the version; a manual run trains version 2,
 * judged against version 1; both reports are served, and the second, rendered by a real headless Chromium, draws
 * both models' curves and confusion matrices.
 */
@QuarkusTest
@TestProfile(ReportTestProfile.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunReportEndpointsTest {

    private static final String PIPELINE = ReportTestProfile.PIPELINE;
    private static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    static Path dir;

    @Inject
    PipelineCatalog catalog;

    @Test
    @Order(1)
    void theBootstrapTrainsOnCleanedDataAndRecordsTheCleaning() throws Exception {
        // Given 6 simulated days where tx_amount_again repeats the amount and every 10th average is missing
        publishInOneTransaction(examples(0, 6));

        // When the bootstrap has run
        JsonPath run = awaitFinishedRun(0);

        // Then it succeeded on the examples missing a feature too, and the run says how they were cleaned
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(run.getInt("result.dataset.unusable")).isZero();
        assertThat(run.getList("result.dataset.cleaning.plan.steps.action")).contains("drop_column", "impute", "clip");
        assertThat(run.getString("result.dataset.cleaning.plan.steps.find { it.action == 'drop_column' }.column"))
                .isEqualTo("tx_amount_again");
        assertThat(run.getLong("result.dataset.cleaning.imputedValues")).isPositive();

        // And version 1 records the fitted steps and was trained on the kept features only
        ModelMetadata metadata;
        try (LoadedModel model = ModelArtifacts.load(Path.of(URI.create(given().get("/v1/pipelines/{p}/models",
                PIPELINE).then().statusCode(200).extract().jsonPath().getString("versions[0].artifactUri"))))) {
            metadata = model.metadata();
        }
        assertThat(metadata.featureNames()).doesNotContain("tx_amount_again").contains("tx_amount");
        assertThat(metadata.cleaning().kept()).isEqualTo(metadata.featureNames());
        // And with a business section the registered threshold is the value-maximising one of the run, not 0.5,
        // and the version's metrics carry its expected value per day for the monitor
        double threshold = run.getDouble("result.value.threshold");
        // (JsonPath reads numbers as floats: compared to 6 places)
        assertThat(metadata.threshold()).isCloseTo(threshold, within(1e-6)).isNotEqualTo(0.5);
        assertThat(run.getString("result.value.thresholdNote")).startsWith("maximises the value");
        assertThat(metadata.metrics().get("value_threshold")).isEqualTo(metadata.threshold());
        assertThat(metadata.metrics()).containsKeys("expected_value_per_day", "nothing_value_per_day", "running_cost_per_day");
        assertThat(run.getDouble("result.value.valuePerDay")).isGreaterThan(run.getDouble("result.value.nothingPerDay"));
        assertThat(metadata.cleaning().steps()).anySatisfy(step -> {
            assertThat(step.action()).isEqualTo("impute");
            assertThat(step.column()).isEqualTo("customer_avg_amount_1d");
            assertThat(step.value()).isBetween(0.0, 200.0);
        });

        // And its report is served by run and by version, without a champion to compare with
        String id = run.getString("id");
        given().get("/v1/pipelines/{p}/trainings/{id}/report.html", PIPELINE, id).then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("<svg class=\"chart roc\""));
        JsonPath report = given().get("/v1/pipelines/{p}/models/{v}/report.json", PIPELINE, "1").then()
                .statusCode(200).contentType(containsString("json")).extract().jsonPath();
        assertThat(report.getString("version")).isEqualTo("1");
        assertThat(report.getString("runId")).isEqualTo(id);
        assertThat(report.getString("champion")).isNull();
        assertThat(report.getString("championNote")).startsWith("no champion");
        assertThat(report.getList("winner.roc")).hasSizeGreaterThan(10);
        assertThat(report.getList("value.curve")).hasSizeGreaterThan(100);
        assertThat(report.getDouble("threshold")).isCloseTo(threshold, within(1e-6));
        assertThat(report.getLong("winner.confusion.truePositives") + report.getLong("winner.confusion.falseNegatives"))
                .isEqualTo(run.getLong("result.dataset.testPositives"));
    }

    @Test
    @Order(2)
    void aSecondRunsReportComparesWithTheChampionAndRendersInChromium() throws Exception {
        // Given one more day, and a manual training
        publishInOneTransaction(examples(6, 7));
        String location = given().post("/v1/pipelines/{p}/trainings", PIPELINE).then().statusCode(202)
                .extract().header("Location");
        JsonPath run = Awaitility.await().atMost(TRAINING_TIMEOUT).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> given().get(URI.create(location)).then().statusCode(200).extract().jsonPath(),
                        json -> !List.of("QUEUED", "RUNNING").contains(json.getString("status")));
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(run.getString("result.championVersion")).isEqualTo("1");

        // When its report is fetched over HTTP and rendered by Chromium
        String html = given().get("/v1/pipelines/{p}/trainings/{id}/report.html", PIPELINE, run.getString("id"))
                .then().statusCode(200).extract().asString();
        assertThat(html).isEqualTo(given().get("/v1/pipelines/{p}/models/{v}/report.html", PIPELINE, "2")
                .then().statusCode(200).extract().asString());
        Path page = dir.resolve("report.html");
        Files.writeString(page, html);
        String dom = new HeadlessChromium(dir).dumpDom(page);

        // Then both curves of both models are drawn, the champion scored on the same rows through its own cleaning
        for (String kind : List.of("roc", "pr")) {
            assertThat(charts(dom, kind)).singleElement().satisfies(svg -> {
                assertThat(count(svg, "class=\"curve winner\"")).isEqualTo(1);
                assertThat(count(svg, "class=\"curve champion\"")).isEqualTo(1);
            });
        }
        assertThat(charts(dom, "confusion")).hasSize(2)
                .allSatisfy(svg -> assertThat(count(svg, "<rect class=\"cell\"")).isEqualTo(4));
        assertThat(dom).contains("champion 1 judged on the same " + run.getInt("result.dataset.testRows")
                + " held-out examples").contains("<table id=\"cleaning\"").contains("No baseline declared");
        // And the value chart is drawn, and the champion's decisions are valued on the same rows
        assertThat(charts(dom, "value")).singleElement()
                .satisfies(svg -> assertThat(count(svg, "class=\"curve value\"")).isEqualTo(1));
        assertThat(dom).contains("champion v1 at ");
    }

    @Test
    @Order(3)
    void missingReportsAre404() {
        given().get("/v1/pipelines/{p}/trainings/{id}/report.html", PIPELINE, "no-such-run").then().statusCode(404);
        given().get("/v1/pipelines/{p}/models/{v}/report.html", PIPELINE, "99").then().statusCode(404);
        given().get("/v1/pipelines/{p}/models/{v}/report.json", PIPELINE, "../1").then().statusCode(404);
        given().get("/v1/pipelines/{p}/models/{v}/report.html", "no-such-pipeline", "1").then().statusCode(404);
    }

    /**
     * The simulator's payments of days {@code [from, to)} as examples of the spec's features: tx_amount_again
     * the amount again, customer_avg_amount_1d a made-up average, missing from every 10th example.
     */
    private List<ExampleLabelled> examples(int from, int to) {
        SplittableRandom random = new SplittableRandom(from);
        List<ExampleLabelled> examples = new ArrayList<>();
        int index = 0;
        for (ExampleLabelled example : SimulatedExamples.days(PIPELINE, catalog.require(PIPELINE).featureNames(), from,
                to)) {
            Map<String, Double> features = new LinkedHashMap<>(example.features());
            features.put("tx_amount_again", features.get("tx_amount"));
            if (index++ % 10 == 0) {
                features.remove("customer_avg_amount_1d");
            } else {
                features.put("customer_avg_amount_1d", 10 + 150 * random.nextDouble());
            }
            examples.add(new ExampleLabelled(example.eventId(), example.schemaVersion(), example.pipeline(),
                    example.sourceEventId(), example.eventTime(), features, example.label(), example.labelTime()));
        }
        return examples;
    }

    private JsonPath awaitFinishedRun(int index) {
        return Awaitility.await().atMost(TRAINING_TIMEOUT).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> given().get("/v1/pipelines/{p}/trainings", PIPELINE).then().extract().jsonPath()
                                .setRootPath("[" + index + "]"),
                        // null until the run is listed
                        json -> json.getString("status") != null
                                && List.of("SUCCEEDED", "FAILED", "REFUSED").contains(json.getString("status")));
    }

    /** One transaction, so the bootstrap check (read_committed) sees all of the examples or none. */
    private static void publishInOneTransaction(List<ExampleLabelled> examples) {
        Topic<String, ExampleLabelled> topic = Topics.examples(PIPELINE);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "report-test-" + UUID.randomUUID());
        try (KafkaProducer<String, ExampleLabelled> producer = new KafkaProducer<>(config,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            examples.forEach(example -> producer.send(new ProducerRecord<>(topic.name(), example.sourceEventId(), example)));
            producer.commitTransaction();
        }
    }
}
