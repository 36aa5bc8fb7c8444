package dev.flywheel.inference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.TopicPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Whatever a client sends, the answer is JSON with a 4xx status that says what is wrong, never a 500:
 * unreadable JSON, JSON of the wrong shape, numbers out of range, bodies over the size limit, the wrong
 * content type or method.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class BadInputTest {

    private static final String PIPELINE = ServingFixture.PIPELINE;

    @Inject
    TopicPublisher publisher;
    @Inject
    PipelineCatalog catalog;

    private List<String> featureNames;

    @BeforeEach
    void modelServing() {
        featureNames = catalog.require(PIPELINE).featureNames();
        ServingFixture.ensureServing(publisher, featureNames);
    }

    @Test
    void unreadableJsonIs400SayingWhere() {
        given().contentType(ContentType.JSON).body("{\"features\": {\"tx_amount\": 12,")
                .post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", containsString("unreadable request body"));
        given().contentType(ContentType.JSON).body("[1, 2]")
                .post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(400).body("violations[0].field", is("$"));
    }

    @Test
    void jsonOfTheWrongShapeIs400NamingTheField() {
        given().contentType(ContentType.JSON).body("{\"features\": [1, 2, 3]}")
                .post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(400).body("violations[0].field", is("features"));
        given().contentType(ContentType.JSON).body("{\"features\": {}}")
                .post("/v1/pipelines/{p}/predict/batch", PIPELINE)
                .then().statusCode(400).body("error", containsString("unreadable request body"));
        given().contentType(ContentType.JSON).body("{\"eventId\": {\"nested\": true}, \"features\": {}}")
                .post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(400).body("violations[0].field", is("eventId"));
    }

    @Test
    void aNumberBeyondDoubleRangeIsRefusedByName() {
        Map<String, Object> features = features();
        String body = "{\"features\": " + json(features).replace("\"tx_amount\":57.0", "\"tx_amount\":1e400") + "}";
        given().contentType(ContentType.JSON).body(body)
                .post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(400)
                .body("violations.field", hasItem("features.tx_amount"))
                .body("violations.reason", hasItem(containsString("must be a finite number")));
    }

    @Test
    void aBodyOverTheLimitIs413() {
        // 2.5 MB of JSON, over quarkus.http.limits.max-body-size (2M)
        String padding = "x".repeat(2_500_000);
        given().contentType(ContentType.JSON).body("{\"eventId\": \"" + padding + "\", \"features\": {}}")
                .post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(413);
    }

    @Test
    void wrongContentTypeAndMethodAreJson4xx() {
        given().contentType(ContentType.TEXT).body("tx_amount=12")
                .post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(415).contentType(ContentType.JSON).body("error", containsString("415"));
        // Quarkus answers a GET on a POST-only path with 404 (no resource method matches), not 405.
        given().get("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(anyOf(is(404), is(405))).contentType(ContentType.JSON)
                .body("error", containsString("Not Found"));
    }

    private Map<String, Object> features() {
        Map<String, Object> features = new LinkedHashMap<>();
        featureNames.forEach(name -> features.put(name, 1.0));
        features.put("tx_amount", 57.0);
        return features;
    }

    private static String json(Object value) {
        try {
            return dev.flywheel.contracts.json.Json.mapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
