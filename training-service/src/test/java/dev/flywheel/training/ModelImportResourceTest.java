package dev.flywheel.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.event.ModelAliasMoved;
import dev.flywheel.contracts.event.ModelLifecycleEvent;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.ModelRegistered;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.OnnxModel;
import dev.flywheel.model.Scorer;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Bring-your-own ONNX over real HTTP against the real broker: a torch model exported elsewhere
 * ({@code onnx/amount_over_220.onnx}, made by model-core's {@code make_onnx_vectors.py}) reading two of the
 * pipeline's features is judged on the held-out later slice, registered as an {@code onnx} version with
 * {@code ModelRegistered}, promoted as the first model with the threshold that maximises the value of its decisions
 * on that slice (the pipeline has a {@code business} section), and loads back as a scorer; a second import of the
 * same model with a threshold of its own keeps that threshold, only ties the champion, is not promoted and, as the
 * spec's {@code model.training.challenger} asks, becomes the challenger.
 */
@QuarkusTest
@TestProfile(ImportTestProfile.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelImportResourceTest {

    private static final String PIPELINE = ImportTestProfile.PIPELINE;
    private static final List<String> SIGNATURE = List.of("tx_amount", "tx_during_night");
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    PipelineCatalog catalog;

    @Test
    @Order(1)
    void beforeAnyExamplesTheImportIsRefusedWithConflict() throws IOException {
        given().contentType("application/octet-stream").body(onnx())
                .queryParam("features", String.join(",", SIGNATURE))
                .post("/v1/pipelines/{p}/models/import", PIPELINE)
                .then().statusCode(409)
                .body("message", containsString("no dataset to judge the model on yet"));
    }

    @Test
    @Order(2)
    void anImportedOnnxModelIsJudgedRegisteredPromotedAndServable() throws Exception {
        // Given six simulated days of examples (the held-out later fifth holds 23 frauds)
        List<ExampleLabelled> examples = SimulatedExamples.days(PIPELINE, catalog.require(PIPELINE).featureNames(), 0, 6);
        publishInOneTransaction(examples);

        try (TopicProbe<ModelLifecycleEvent> models = TopicProbe.of(Topics.models())) {
            // When the ONNX model is posted with its signature
            JsonPath imported = given().contentType("application/octet-stream").body(onnx())
                    .queryParam("features", String.join(",", SIGNATURE)).queryParam("name", "amount-over-220")
                    .post("/v1/pipelines/{p}/models/import", PIPELINE)
                    .then().statusCode(201)
                    .header("Location", containsString("/v1/pipelines/" + PIPELINE + "/models/1"))
                    .extract().jsonPath();

            // Then it was judged on the held-out slice and ranks frauds far above their rate
            double positiveRate = 23.0 / imported.getInt("holdoutExamples");
            double ap = imported.getDouble("metrics.average_precision");
            System.out.printf("imported onnx: held-out AP %.3f on %d examples (positive rate %.3f); baseline %s%n",
                    ap, imported.getInt("holdoutExamples"), positiveRate, imported.getMap("baseline.metrics"));
            assertThat(imported.getString("version")).isEqualTo("1");
            assertThat(imported.getList("featureNames")).isEqualTo(SIGNATURE);
            assertThat(ap).isGreaterThan(2 * positiveRate);
            assertThat(imported.getBoolean("promoted")).isTrue();
            assertThat(imported.getString("decision")).startsWith("first model of the pipeline");
            // the spec's baseline rule was scored on the same rows
            assertThat(imported.getString("baseline.message")).isEqualTo("tx_amount > 220");
            assertThat(imported.getMap("baseline.metrics")).containsKeys("average_precision", "roc_auc", "f1");
            assertThat(imported.get("beatsBaseline") instanceof Boolean).isTrue();
            // and, the spec having a business section, the threshold registered is the one that maximises the value
            // of its decisions on the held-out slice: no point of the value curve is worth more
            double threshold = imported.getDouble("threshold");
            assertThat(imported.getDouble("value.threshold")).isEqualTo(threshold);
            assertThat(imported.getString("value.thresholdNote")).startsWith("maximises the value");
            double atThreshold = imported.getDouble("value.valuePerDay") * imported.getDouble("value.spanDays");
            double best = imported.getList("value.curve.value", Float.class).stream().mapToDouble(Float::doubleValue)
                    .max().orElseThrow();
            assertThat(atThreshold).isCloseTo(best, within(Math.abs(best) * 1e-5 + 1e-3));

            // And ModelRegistered (trigger import) and ModelPromoted were published like for a trained model
            ModelRegistered registered = (ModelRegistered) models.await(event -> event instanceof ModelRegistered r
                    && r.pipeline().equals(PIPELINE) && r.modelVersion().equals("1"), EVENT_TIMEOUT);
            assertThat(registered.trigger()).isEqualTo("import");
            assertThat(registered.candidate()).isEqualTo("amount-over-220");
            // (RestAssured reads JSON numbers as floats)
            assertThat(registered.metrics().get("average_precision")).isCloseTo(ap, within(1e-6));
            // with the expected value figures the monitor compares its realised value with
            assertThat(registered.metrics()).containsKeys("value_threshold", "expected_value_per_day",
                    "net_value_vs_nothing_per_day", "running_cost_per_day");
            ModelPromoted promoted = (ModelPromoted) models.await(event -> event instanceof ModelPromoted p
                    && p.pipeline().equals(PIPELINE) && p.modelVersion().equals("1"), EVENT_TIMEOUT);

            // And the version loads as an onnx model scoring exactly as the file does
            try (LoadedModel model = ModelArtifacts.load(Path.of(URI.create(promoted.artifactUri())));
                 Scorer direct = OnnxModel.of(onnx(), 2).scorer()) {
                assertThat(model.metadata().modelType()).isEqualTo("onnx");
                assertThat(model.metadata().featureNames()).isEqualTo(SIGNATURE);
                assertThat(model.metadata().artifacts()).containsKey("model.onnx");
                assertThat(model.metadata().threshold()).isCloseTo(threshold, within(1e-6));
                double[][] rows = {{300, 0}, {100, 1}, {221, 0}};
                assertThat(model.scorer().scoreBatch(rows)).containsExactly(direct.scoreBatch(rows));
            }
        }
        given().get("/v1/pipelines/{p}/models", PIPELINE).then().statusCode(200)
                .body("promotedVersion", is("1"))
                .body("versions[0].modelType", is("onnx"))
                .body("versions[0].trigger", is("import"));
    }

    @Test
    @Order(3)
    void theSameModelAgainOnlyTiesTheChampionAndIsNotPromoted() throws Exception {
        try (TopicProbe<ModelLifecycleEvent> models = TopicProbe.of(Topics.models())) {
            // When the same model is imported with a threshold of its own
            given().contentType("application/octet-stream").body(onnx())
                    .queryParam("features", "tx_amount").queryParam("features", "tx_during_night")
                    .queryParam("threshold", "0.8")
                    .post("/v1/pipelines/{p}/models/import", PIPELINE)
                    .then().statusCode(201)
                    .body("version", is("2"))
                    .body("championVersion", is("1"))
                    .body("promoted", is(false))
                    .body("threshold", is(0.8f))
                    .body("value.thresholdNote", containsString("supplied with the model"));

            // Then that threshold is the one registered with the version
            ModelRegistered registered = (ModelRegistered) models.await(event -> event instanceof ModelRegistered r
                    && r.pipeline().equals(PIPELINE) && r.modelVersion().equals("2"), EVENT_TIMEOUT);
            try (LoadedModel model = ModelArtifacts.load(Path.of(URI.create(registered.artifactUri())))) {
                assertThat(model.metadata().threshold()).isEqualTo(0.8);
            }
            // And, as the spec asks (model.training.challenger), the version that lost becomes the challenger:
            // audited in the registry and announced so inference services score it in shadow
            ModelAliasMoved challenger = (ModelAliasMoved) models.await(event -> event instanceof ModelAliasMoved m
                    && m.pipeline().equals(PIPELINE) && m.alias().equals("challenger"), EVENT_TIMEOUT);
            assertThat(challenger.modelVersion()).isEqualTo("2");
            assertThat(challenger.artifactUri()).isEqualTo(registered.artifactUri());
            assertThat(challenger.reason()).contains("not promoted", "champion 1");
        }
        given().get("/v1/pipelines/{p}/models", PIPELINE).then().statusCode(200).body("promotedVersion", is("1"));
        given().get("/v1/pipelines/{p}/aliases", PIPELINE).then().statusCode(200)
                .body("champion", is("1")).body("challenger", is("2"));
    }

    @Test
    @Order(4)
    void aSignatureThatDoesNotFitIsRefusedNamingWhy() throws IOException {
        // unknown feature
        given().contentType("application/octet-stream").body(onnx())
                .queryParam("features", "tx_amount,tx_at_night")
                .post("/v1/pipelines/{p}/models/import", PIPELINE)
                .then().statusCode(400)
                .body("message", containsString("features [tx_at_night] are not among the pipeline's features"));
        // the model takes 2 inputs, the signature names 3
        given().contentType("application/octet-stream").body(onnx())
                .queryParam("features", "tx_amount,tx_during_night,tx_during_weekend")
                .post("/v1/pipelines/{p}/models/import", PIPELINE)
                .then().statusCode(400)
                .body("message", containsString("must have shape [rows, 3]"));
        // not an ONNX file; no signature
        given().contentType("application/octet-stream").body(new byte[] {1, 2, 3})
                .queryParam("features", "tx_amount")
                .post("/v1/pipelines/{p}/models/import", PIPELINE)
                .then().statusCode(400)
                .body("message", containsString("cannot use the ONNX model"));
        given().contentType("application/octet-stream").body(onnx())
                .post("/v1/pipelines/{p}/models/import", PIPELINE)
                .then().statusCode(400)
                .body("message", containsString("features is required"));
        // a threshold that is not a probability
        for (String threshold : List.of("1.5", "-0.1", "NaN", "high")) {
            given().contentType("application/octet-stream").body(onnx()).queryParam("features", "tx_amount")
                    .queryParam("threshold", threshold)
                    .post("/v1/pipelines/{p}/models/import", PIPELINE)
                    .then().statusCode(400)
                    .body("message", containsString("threshold must be a number in [0, 1]"));
        }
        given().contentType("application/octet-stream").body(onnx()).queryParam("features", "tx_amount")
                .post("/v1/pipelines/{p}/models/import", "no-such-pipeline")
                .then().statusCode(404);
    }

    private static byte[] onnx() throws IOException {
        try (InputStream in = ModelImportResourceTest.class.getResourceAsStream("/onnx/amount_over_220.onnx")) {
            assertThat(in).as("test resource onnx/amount_over_220.onnx").isNotNull();
            return in.readAllBytes();
        }
    }

    /** One transaction, so the import reads all of the examples (read_committed). */
    private static void publishInOneTransaction(List<ExampleLabelled> examples) {
        Topic<String, ExampleLabelled> topic = Topics.examples(PIPELINE);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "import-test-" + UUID.randomUUID());
        try (KafkaProducer<String, ExampleLabelled> producer = new KafkaProducer<>(config,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            examples.forEach(example -> producer.send(new ProducerRecord<>(topic.name(), example.sourceEventId(), example)));
            producer.commitTransaction();
        }
    }
}
