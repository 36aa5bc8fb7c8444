package dev.flywheel.monitor.reconcile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The reconciliation endpoint of the running service: its answer's shape, and its refusals. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class ReconciliationResourceTest {

    @Test
    void answersEveryStreamAndTheIdsAskedFor() {
        given().contentType(ContentType.JSON).body("{\"eventIds\":[\"never-sent\"]}")
                .post("/v1/pipelines/{p}/reconciliation", "card-fraud")
                .then().statusCode(200)
                .body("pipeline", is("card-fraud"))
                .body("events.records", greaterThanOrEqualTo(0))
                .body("features.missing", notNullValue())
                .body("predictions.duplicateIds", greaterThanOrEqualTo(0))
                .body("outcomes.records", greaterThanOrEqualTo(0))
                .body("eventIds.never-sent.events", is(0))
                .body("eventIds.never-sent.features", is(0));
    }

    @Test
    void refusesUnknownPipelinesAndBadRequests() {
        given().get("/v1/pipelines/{p}/reconciliation", "no-such-pipeline").then().statusCode(404);
        given().get("/v1/pipelines/{p}/reconciliation?sample=-1", "card-fraud").then().statusCode(400)
                .body(containsString("sample"));
        given().contentType(ContentType.JSON).body("{}")
                .post("/v1/pipelines/{p}/reconciliation", "card-fraud").then().statusCode(400)
                .body(containsString("eventIds"));
    }
}
