package dev.flywheel.ingest.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.testing.TestApiKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The ingest service's role boundaries over real HTTP with authentication on: sending events needs the
 * {@code ingest} role, declaring a source {@code admin}, reading any valid key; health and metrics stay open.
 * Refusals are 401 (no key, unknown key) or 403 (known key, wrong role) with a JSON body.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class IngestAuthTest {

    private static final String PIPELINE = "card-fraud";

    @Test
    void sendingEventsWithoutAKeyIs401WithAJsonReasonAndAChallenge() {
        postEvent(given())
                .then().statusCode(401)
                .contentType(ContentType.JSON)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", is(401))
                .body("error", containsString("needs an API key"));
    }

    @Test
    void anUnknownKeyIs401() {
        postEvent(given().header("Authorization", "Bearer " + TestApiKeys.UNKNOWN))
                .then().statusCode(401)
                .body("error", is("the API key is not valid"));
        postEvent(given().header("X-API-Key", TestApiKeys.UNKNOWN)).then().statusCode(401);
    }

    @Test
    void keysWithoutTheIngestRoleAre403NamingTheRole() {
        for (String key : new String[] {TestApiKeys.PREDICT, TestApiKeys.ADMIN, TestApiKeys.READ}) {
            postEvent(given().header("Authorization", "Bearer " + key))
                    .then().statusCode(403)
                    .contentType(ContentType.JSON)
                    .body("status", is(403))
                    .body("error", containsString("[ingest]"));
        }
    }

    @Test
    void theIngestKeySendsEventsByEitherHeader() {
        postEvent(given().header("Authorization", "Bearer " + TestApiKeys.INGEST))
                .then().statusCode(200).body("accepted", is(1));
        postEvent(given().header("X-API-Key", TestApiKeys.INGEST))
                .then().statusCode(200).body("accepted", is(1));
    }

    @Test
    void declaringASourceNeedsAdmin() {
        // An ingest key may send data but not change what the service pulls from
        given().header("X-API-Key", TestApiKeys.INGEST).contentType(ContentType.JSON).body("{}")
                .post("/v1/pipelines/{p}/sources", PIPELINE)
                .then().statusCode(403).body("error", containsString("[admin]"));
        // The admin key gets past the check to the validation of the declaration itself
        given().header("X-API-Key", TestApiKeys.ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/v1/pipelines/{p}/sources", PIPELINE)
                .then().statusCode(400);
    }

    @Test
    void readingNeedsAnyValidKey() {
        given().get("/v1/pipelines").then().statusCode(401);
        given().header("X-API-Key", TestApiKeys.UNKNOWN).get("/v1/pipelines").then().statusCode(401);
        for (String key : new String[] {TestApiKeys.READ, TestApiKeys.INGEST, TestApiKeys.PREDICT,
                TestApiKeys.ADMIN}) {
            given().header("X-API-Key", key).get("/v1/pipelines")
                    .then().statusCode(200).body("name", hasItem(PIPELINE));
        }
        given().header("X-API-Key", TestApiKeys.READ).get("/v1/pipelines/{p}/uploads", PIPELINE)
                .then().statusCode(200);
    }

    @Test
    void healthAndMetricsNeedNoKey() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    private static io.restassured.response.Response postEvent(RequestSpecification request) {
        Map<String, Object> event = Map.of("transaction_id", UUID.randomUUID().toString(),
                "tx_datetime", "2018-04-01T00:07:56Z", "customer_id", "758", "terminal_id", "3156",
                "tx_amount", 42.5);
        return request.contentType(ContentType.JSON).body(event).post("/v1/pipelines/{p}/events", PIPELINE);
    }
}
