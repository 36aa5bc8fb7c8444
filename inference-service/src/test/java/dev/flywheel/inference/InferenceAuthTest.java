package dev.flywheel.inference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.flywheel.inference.security.SecuredProfile;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.TestApiKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;

/**
 * The inference service's role boundaries over real HTTP with authentication on and a model serving:
 * {@code /predict} and KServe {@code infer} need {@code predict}, shadow assignment needs {@code admin}, model
 * metadata any valid key; {@code /v2/health/*}, {@code /q/*} and the ping stay open.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
@Order(Integer.MAX_VALUE) // last: its own profile restarts Quarkus once, not between the other classes
class InferenceAuthTest {

    private static final String PIPELINE = ServingFixture.PIPELINE;

    @Inject
    TopicPublisher publisher;
    @Inject
    PipelineCatalog catalog;

    private List<String> featureNames;

    @BeforeEach
    void modelServing() {
        featureNames = catalog.require(PIPELINE).featureNames();
        // The fixture reads the served model over HTTP; it reads with a read-only key.
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("X-API-Key", TestApiKeys.READ).build();
        try {
            ServingFixture.ensureServing(publisher, featureNames);
        } finally {
            RestAssured.requestSpecification = null;
        }
    }

    @Test
    void predictNeedsThePredictRole() {
        // Given a request for a prediction
        // When it comes without a key, with an unknown key, with keys of other roles, and with the predict key
        // Then 401, 401, 403 naming the role, and a score
        predict(given()).then().statusCode(401).contentType(ContentType.JSON)
                .body("error", containsString("needs an API key"));
        predict(given().header("Authorization", "Bearer " + TestApiKeys.UNKNOWN)).then().statusCode(401);
        for (String key : List.of(TestApiKeys.INGEST, TestApiKeys.ADMIN, TestApiKeys.READ)) {
            predict(given().header("X-API-Key", key)).then().statusCode(403)
                    .body("status", is(403)).body("error", containsString("[predict]"));
        }
        predict(given().header("Authorization", "Bearer " + TestApiKeys.PREDICT)).then().statusCode(200)
                .body("score", notNullValue());
    }

    @Test
    void kserveInferNeedsThePredictRole() {
        Map<String, Object> request = Map.of("inputs", featureNames.stream()
                .map(name -> Map.of("name", name, "shape", List.of(1), "datatype", "FP64", "data", List.of(1.0)))
                .toList());
        String path = "/v2/models/" + PIPELINE + "/infer";

        given().contentType(ContentType.JSON).body(request).post(path).then().statusCode(401);
        given().header("X-API-Key", TestApiKeys.READ).contentType(ContentType.JSON).body(request).post(path)
                .then().statusCode(403);
        given().header("X-API-Key", TestApiKeys.PREDICT).contentType(ContentType.JSON).body(request).post(path)
                .then().statusCode(200).body("model_name", is(PIPELINE));
    }

    @Test
    void shadowAssignmentNeedsAdmin() {
        String shadow = "/v1/pipelines/" + PIPELINE + "/shadow";
        given().delete(shadow).then().statusCode(401);
        given().header("X-API-Key", TestApiKeys.PREDICT).delete(shadow).then().statusCode(403)
                .body("error", containsString("[admin]"));
        given().header("X-API-Key", TestApiKeys.ADMIN).delete(shadow).then().statusCode(204);
        // Reading the shadow state is open to any valid key
        given().header("X-API-Key", TestApiKeys.READ).get(shadow).then().statusCode(200)
                .body("pipeline", is(PIPELINE));
    }

    @Test
    void metadataNeedsAnyKeyAndHealthNone() {
        given().get("/v2/models/{m}", PIPELINE).then().statusCode(401);
        given().header("X-API-Key", TestApiKeys.READ).get("/v2/models/{m}", PIPELINE).then().statusCode(200);
        given().header("X-API-Key", TestApiKeys.INGEST).get("/v1/pipelines/{p}/model", PIPELINE)
                .then().statusCode(200);

        given().get("/v2/health/live").then().statusCode(200).body("live", is(true));
        given().get("/v2/health/ready").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/v1/ping").then().statusCode(200);
    }

    private io.restassured.response.Response predict(io.restassured.specification.RequestSpecification request) {
        Map<String, Double> row = new LinkedHashMap<>();
        featureNames.forEach(name -> row.put(name, 1.0));
        return request.contentType(ContentType.JSON).body(Map.of("features", row))
                .post("/v1/pipelines/{p}/predict", PIPELINE);
    }
}
