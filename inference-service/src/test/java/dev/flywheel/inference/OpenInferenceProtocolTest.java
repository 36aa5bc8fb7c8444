package dev.flywheel.inference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The Open Inference Protocol (KServe v2) endpoints over real HTTP, with a real model-core model serving
 * card-fraud: health, model metadata and readiness, inference in both input layouts (scores identical to
 * {@code /v1} for the same rows), the v2 error shape, and the predictions logged like any other.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class OpenInferenceProtocolTest {

    private static final String PIPELINE = ServingFixture.PIPELINE;

    @Inject
    TopicPublisher publisher;
    @Inject
    PipelineCatalog catalog;

    private List<String> featureNames;
    private String version;

    @BeforeEach
    void modelServing() {
        featureNames = catalog.require(PIPELINE).featureNames();
        version = ServingFixture.ensureServing(publisher, featureNames);
    }

    @Test
    void healthAndModelMetadataDescribeTheServingModel() {
        // Given a model serving card-fraud (set up before each test)
        // When a v2 client asks about the server and the model
        // Then the server is live and ready, and the model lists one FP64 input per feature and its outputs
        given().get("/v2/health/live").then().statusCode(200).body("live", is(true));
        given().get("/v2/health/ready").then().statusCode(200).body("ready", is(true));
        given().get("/v2").then().statusCode(200).body("name", is("flywheel-inference"));
        given().get("/v2/models/{m}", PIPELINE).then().statusCode(200)
                .body("name", is(PIPELINE))
                .body("versions", is(List.of(version)))
                .body("platform", is("flywheel-model-core/logistic_regression"))
                .body("inputs.name", is(featureNames))
                .body("inputs.datatype", is(featureNames.stream().map(name -> "FP64").toList()))
                .body("inputs[0].shape", is(List.of(-1)))
                .body("outputs.name", is(List.of("score", "decision", "prediction_id")));
        given().get("/v2/models/{m}/versions/{v}", PIPELINE, version).then().statusCode(200)
                .body("versions", is(List.of(version)));
        given().get("/v2/models/{m}/ready", PIPELINE).then().statusCode(200).body("ready", is(true));
        given().get("/v2/models/{m}/versions/{v}/ready", PIPELINE, version).then().statusCode(200);
    }

    @Test
    void unknownModelsAndVersionsAre404InTheProtocolsErrorShape() {
        given().get("/v2/models/{m}", "no-such-model").then().statusCode(404)
                .body("error", containsString("no model 'no-such-model'"));
        given().get("/v2/models/{m}/ready", "no-such-model").then().statusCode(404);
        given().get("/v2/models/{m}/versions/{v}", PIPELINE, "999999999").then().statusCode(404)
                .body("error", containsString("version 999999999 of model 'card-fraud' is not served here"))
                .body("error", containsString(version));
        given().contentType(ContentType.JSON).body(perFeature(List.of(row(100, 1))))
                .post("/v2/models/{m}/versions/{v}/infer", PIPELINE, "999999999").then().statusCode(404);
    }

    @Test
    void inferScoresBothLayoutsExactlyLikeV1AndLogsThePredictions() throws Exception {
        // Given two rows, and the scores /v1 gives them
        List<Map<String, Double>> rows = List.of(row(20, 0), row(190, 1));
        List<Double> v1Scores = new ArrayList<>();
        for (Map<String, Double> row : rows) {
            // Read with Jackson: RestAssured's JSON path reads numbers as floats.
            v1Scores.add(Json.mapper().readTree(given().contentType(ContentType.JSON).body(Map.of("features", row))
                    .post("/v1/pipelines/{p}/predict", PIPELINE).then().statusCode(200)
                    .extract().asString()).get("score").asDouble());
        }

        // When a v2 client sends them as one tensor per feature, and as one [2, width] matrix
        JsonNode perFeature = infer(perFeature(rows), "/v2/models/" + PIPELINE + "/infer");
        JsonNode matrix = infer(matrix(rows), "/v2/models/" + PIPELINE + "/versions/" + version + "/infer");

        // Then both answer with the serving version, the request id, and the same scores as /v1
        for (JsonNode answer : List.of(perFeature, matrix)) {
            assertThat(answer.get("model_name").asText()).isEqualTo(PIPELINE);
            assertThat(answer.get("model_version").asText()).isEqualTo(version);
            assertThat(answer.get("id").asText()).isEqualTo("request-7");
            JsonNode score = output(answer, "score");
            assertThat(score.get("datatype").asText()).isEqualTo("FP64");
            assertThat(score.get("shape").get(0).asInt()).isEqualTo(2);
            assertThat(score.get("data").get(0).asDouble()).isEqualTo(v1Scores.get(0));
            assertThat(score.get("data").get(1).asDouble()).isEqualTo(v1Scores.get(1));
            JsonNode decision = output(answer, "decision");
            assertThat(decision.get("datatype").asText()).isEqualTo("BOOL");
            assertThat(decision.get("data").get(1).asBoolean()).isEqualTo(v1Scores.get(1) >= 0.5);
        }
        // And each row's prediction is on the predictions topic, with the vector the model saw
        String predictionId = output(perFeature, "prediction_id").get("data").get(1).asText();
        try (var predictions = TopicProbe.of(Topics.predictions(PIPELINE))) {
            PredictionMade logged = predictions.await(p -> p.eventId().equals(predictionId), ServingFixture.WAIT);
            assertThat(logged.modelVersion()).isEqualTo(version);
            assertThat(logged.score()).isEqualTo(v1Scores.get(1));
            assertThat(logged.features()).containsEntry("tx_amount", 190.0).hasSize(featureNames.size());
        }
    }

    @Test
    void requestedOutputsAloneAreReturned() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(perFeature(List.of(row(50, 0))));
        body.put("outputs", List.of(Map.of("name", "score")));
        JsonNode answer = infer(body, "/v2/models/" + PIPELINE + "/infer");
        assertThat(answer.get("outputs")).hasSize(1);
        assertThat(answer.get("outputs").get(0).get("name").asText()).isEqualTo("score");

        body.put("outputs", List.of(Map.of("name", "probabilities")));
        given().contentType(ContentType.JSON).body(body).post("/v2/models/{m}/infer", PIPELINE)
                .then().statusCode(400).body("error", containsString("unknown output 'probabilities'"));
    }

    @Test
    void wrongInputsAre400NamingTheInputAndTooManyRows413() {
        // A missing feature, an unknown one, and text in a tensor
        Map<String, Object> body = perFeature(List.of(row(100, 1)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inputs = new ArrayList<>((List<Map<String, Object>>) body.get("inputs"));
        inputs.remove(0);
        inputs.add(tensor("tx_amout", List.of(1L), "FP64", List.of(3.0)));
        inputs.set(0, tensor(featureNames.get(1), List.of(1L), "FP64", List.of("yes")));
        given().contentType(ContentType.JSON).body(Map.of("inputs", inputs))
                .post("/v2/models/{m}/infer", PIPELINE).then().statusCode(400)
                .body("error", containsString("missing input for feature 'tx_amount'"))
                .body("error", containsString("unknown feature 'tx_amout'"))
                .body("error", containsString("inputs[0] (" + featureNames.get(1) + ").data[0]: must be a finite number"));
        // A BYTES tensor, and a matrix whose shape does not fit the model
        given().contentType(ContentType.JSON).body(Map.of("inputs", List.of(tensor("features",
                        List.of(1L, (long) featureNames.size()), "BYTES", List.of("a")))))
                .post("/v2/models/{m}/infer", PIPELINE).then().statusCode(400)
                .body("error", containsString("inputs[0].datatype: must be a numeric datatype"));
        given().contentType(ContentType.JSON).body(Map.of("inputs", List.of(tensor("features", List.of(1L, 3L),
                        "FP64", List.of(1.0, 2.0, 3.0)))))
                .post("/v2/models/{m}/infer", PIPELINE).then().statusCode(400)
                .body("error", containsString("inputs[0].shape: must be [n, " + featureNames.size() + "]"));
        // Data that does not fill the shape, no inputs at all, and unreadable JSON
        given().contentType(ContentType.JSON).body(Map.of("inputs", List.of(tensor("features",
                        List.of(2L, (long) featureNames.size()), "FP64", List.of(1.0)))))
                .post("/v2/models/{m}/infer", PIPELINE).then().statusCode(400)
                .body("error", containsString("holds 1 values but the shape needs " + 2 * featureNames.size()));
        given().contentType(ContentType.JSON).body("{}").post("/v2/models/{m}/infer", PIPELINE)
                .then().statusCode(400).body("error", containsString("inputs: at least one input tensor is required"));
        given().contentType(ContentType.JSON).body("{\"inputs\": [").post("/v2/models/{m}/infer", PIPELINE)
                .then().statusCode(400).body("error", containsString("unreadable request body"));
        // More rows than max-batch-size
        given().contentType(ContentType.JSON).body(Map.of("inputs", List.of(tensor("features",
                        List.of(1001L, (long) featureNames.size()), "FP64", List.of()))))
                .post("/v2/models/{m}/infer", PIPELINE).then().statusCode(413)
                .body("error", containsString("1001 rows asked for; at most 1000"));
    }

    // --- helpers ---

    private JsonNode infer(Map<String, Object> body, String path) throws Exception {
        Map<String, Object> withId = new LinkedHashMap<>(body);
        withId.put("id", "request-7");
        return Json.mapper().readTree(given().contentType(ContentType.JSON).body(withId).post(path)
                .then().statusCode(200).extract().asString());
    }

    private static JsonNode output(JsonNode answer, String name) {
        for (JsonNode output : answer.get("outputs")) {
            if (output.get("name").asText().equals(name)) {
                return output;
            }
        }
        throw new AssertionError("no output '" + name + "' in " + answer);
    }

    private Map<String, Double> row(double amount, int night) {
        Map<String, Double> row = new LinkedHashMap<>();
        featureNames.forEach(name -> row.put(name, 1.0));
        row.put("tx_amount", amount);
        row.put("tx_during_night", (double) night);
        return row;
    }

    private Map<String, Object> perFeature(List<Map<String, Double>> rows) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (String name : featureNames) {
            inputs.add(tensor(name, List.of((long) rows.size()), "FP64", rows.stream().map(r -> r.get(name)).toList()));
        }
        return Map.of("inputs", inputs);
    }

    private Map<String, Object> matrix(List<Map<String, Double>> rows) {
        // Nested rows, which the reader flattens, rather than the flat row-major form the per-feature test uses.
        List<List<Double>> data = rows.stream().map(r -> featureNames.stream().map(r::get).toList()).toList();
        return Map.of("inputs", List.of(tensor("features", List.of((long) rows.size(), (long) featureNames.size()),
                "FP64", data)));
    }

    private static Map<String, Object> tensor(String name, List<Long> shape, String datatype, List<?> data) {
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("name", name);
        tensor.put("shape", shape);
        tensor.put("datatype", datatype);
        tensor.put("data", data);
        return tensor;
    }
}
