package dev.flywheel.inference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.inference.features.OnlineStoreStub;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Rows given as raw events: the event's own features are computed from it, the aggregates come from an
 * online store over real HTTP ({@link OnlineStoreStub}, a Vert.x server on loopback answering in
 * feature-service's documented shape), and the model scores the assembled vector exactly as if the caller had
 * sent it. Unknown entities get the empty window; bad events are 400 by field; a store that is down, slow or
 * rebalancing makes the prediction 503.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OnlineStoreStub.class, restrictToAnnotatedClass = false)
class EventRowsTest {

    private static final String PIPELINE = ServingFixture.PIPELINE;
    private static final Map<String, Double> CUSTOMER_17 = ordered("customer_nb_tx_1d", 3.0,
            "customer_avg_amount_1d", 41.5, "customer_nb_tx_7d", 9.0, "customer_avg_amount_7d", 52.25,
            "customer_nb_tx_30d", 30.0, "customer_avg_amount_30d", 48.0);
    private static final Map<String, Double> TERMINAL_3156 = ordered("terminal_nb_tx_1d", 4.0,
            "terminal_risk_1d", 0.25, "terminal_nb_tx_7d", 20.0, "terminal_risk_7d", 0.1,
            "terminal_nb_tx_30d", 75.0, "terminal_risk_30d", 0.04);

    @Inject
    TopicPublisher publisher;
    @Inject
    PipelineCatalog catalog;

    private List<String> featureNames;

    @BeforeEach
    void modelServingAndStoreFilled() {
        featureNames = catalog.require(PIPELINE).featureNames();
        ServingFixture.ensureServing(publisher, featureNames);
        OnlineStoreStub.put("customer_id", "17", CUSTOMER_17);
        OnlineStoreStub.put("terminal_id", "3156", TERMINAL_3156);
    }

    @AfterEach
    void storeBackToNormal() {
        OnlineStoreStub.reset();
    }

    @Test
    void anEventRowIsScoredOnItsOwnFeaturesAndTheStoresAggregates() throws Exception {
        // Given a payment of customer 17 at terminal 3156 on a Sunday night, both known to the store
        String id = "tx-" + UUID.randomUUID();
        Map<String, Object> event = event(id, "17", "3156", 190.0, "2018-04-01T02:07:56Z");

        // When it is sent as an event
        JsonNode answer = post(Map.of("event", event), 200);

        // Then the store was asked for both entities, and the score is the one of the vector a caller would
        // have assembled by hand (own features + aggregates), which is also what is logged
        assertThat(OnlineStoreStub.queries()).contains("customer_id=17&terminal_id=3156");
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("tx_amount", 190.0);
        expected.put("tx_during_weekend", 1.0);
        expected.put("tx_during_night", 1.0);
        expected.putAll(CUSTOMER_17);
        expected.putAll(TERMINAL_3156);
        JsonNode byHand = post(Map.of("features", expected), 200);
        assertThat(answer.get("score").asDouble()).isEqualTo(byHand.get("score").asDouble());
        try (var predictions = TopicProbe.of(Topics.predictions(PIPELINE))) {
            PredictionMade logged = predictions.await(p -> p.eventId().equals(answer.get("predictionId").asText()),
                    ServingFixture.WAIT);
            assertThat(logged.sourceEventId()).isEqualTo(id);
            assertThat(logged.features()).isEqualTo(expected);
            assertThat(logged.eventTime()).hasToString("2018-04-01T02:07:56Z");
        }
    }

    @Test
    void anEntityTheStoreNeverSawGetsTheEmptyWindow() throws Exception {
        // Given a new terminal, and a weekday afternoon
        Map<String, Object> event = event("tx-" + UUID.randomUUID(), "17", "new-terminal", 12.5,
                "2018-04-03T15:00:00Z");

        JsonNode answer = post(Map.of("event", event), 200);

        try (var predictions = TopicProbe.of(Topics.predictions(PIPELINE))) {
            PredictionMade logged = predictions.await(p -> p.eventId().equals(answer.get("predictionId").asText()),
                    ServingFixture.WAIT);
            assertThat(logged.features()).containsEntry("tx_during_weekend", 0.0).containsEntry("tx_during_night", 0.0)
                    .containsEntry("customer_nb_tx_7d", 9.0).containsEntry("terminal_nb_tx_7d", 0.0)
                    .containsEntry("terminal_risk_30d", 0.0).hasSize(featureNames.size());
        }
    }

    @Test
    void aBatchMixesEventAndFeatureRows() throws Exception {
        Map<String, Double> features = new LinkedHashMap<>();
        featureNames.forEach(name -> features.put(name, 1.0));
        JsonNode answers = Json.mapper().readTree(given().contentType(ContentType.JSON)
                .body(List.of(Map.of("event", event("tx-a", "17", "3156", 10.0, "2018-04-02T10:00:00Z")),
                        Map.of("features", features),
                        Map.of("event", event("tx-b", "17", "3156", 900.0, "2018-04-02T03:00:00Z"))))
                .post("/v1/pipelines/{p}/predict/batch", PIPELINE).then().statusCode(200).extract().asString());
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).get("score").asDouble()).isNotEqualTo(answers.get(2).get("score").asDouble());
    }

    @Test
    void aBadEventIs400NamingItsFields() {
        Map<String, Object> event = event("tx-bad", "17", "3156", 10.0, "2018-04-02T10:00:00Z");
        event.remove("terminal_id");
        event.put("tx_amount", "ten");
        given().contentType(ContentType.JSON).body(Map.of("event", event))
                .post("/v1/pipelines/{p}/predict", PIPELINE).then().statusCode(400)
                .body("violations.field", hasItems("event.terminal_id", "event.tx_amount"));
        given().contentType(ContentType.JSON).body(Map.of("event", event("tx-c", "17", "3156", 10.0,
                        "2018-04-02T10:00:00Z"), "features", Map.of("tx_amount", 1)))
                .post("/v1/pipelines/{p}/predict", PIPELINE).then().statusCode(400)
                .body("violations[0].reason", containsString("either 'features' or 'event'"));
        given().contentType(ContentType.JSON).body(List.of(Map.of("event", List.of(1, 2))))
                .post("/v1/pipelines/{p}/predict/batch", PIPELINE).then().statusCode(400)
                .body("violations[0].field", is("[0].event"));
    }

    @Test
    void aStoreThatIsDownSlowOrRebalancingMakesThePrediction503() {
        Map<String, Object> body = Map.of("event", event("tx-d", "17", "3156", 10.0, "2018-04-02T10:00:00Z"));
        try {
            OnlineStoreStub.down();
            given().contentType(ContentType.JSON).body(body).post("/v1/pipelines/{p}/predict", PIPELINE)
                    .then().statusCode(503).header("Retry-After", notNullValue())
                    .body("error", containsString("online features unavailable: feature-service at http://127.0.0.1:"));
        } finally {
            OnlineStoreStub.up();
        }
        OnlineStoreStub.delay(Duration.ofSeconds(2));
        given().contentType(ContentType.JSON).body(body).post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(503).body("error", containsString("online features unavailable"));
        OnlineStoreStub.reset();
        OnlineStoreStub.failWith(503);
        given().contentType(ContentType.JSON).body(body).post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(503).body("error", containsString("feature-service answered 503"));
        OnlineStoreStub.failWith(404);
        given().contentType(ContentType.JSON).body(body).post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(502).body("error", containsString("stub told to fail"));
        // And once it is back, the same request is answered
        OnlineStoreStub.reset();
        given().contentType(ContentType.JSON).body(body).post("/v1/pipelines/{p}/predict", PIPELINE)
                .then().statusCode(200);
    }

    private static JsonNode post(Map<String, ?> body, int status) throws Exception {
        return Json.mapper().readTree(given().contentType(ContentType.JSON).body(body)
                .post("/v1/pipelines/{p}/predict", PIPELINE).then().statusCode(status).extract().asString());
    }

    private static Map<String, Object> event(String id, String customer, String terminal, double amount, String time) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("transaction_id", id);
        event.put("tx_datetime", time);
        event.put("customer_id", customer);
        event.put("terminal_id", terminal);
        event.put("tx_amount", amount);
        return event;
    }

    private static Map<String, Double> ordered(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return map;
    }
}
