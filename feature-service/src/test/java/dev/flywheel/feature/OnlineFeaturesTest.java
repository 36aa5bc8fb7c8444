package dev.flywheel.feature;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.TopicPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The online store of the running service on the real broker: events in, latest features per entity out. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class OnlineFeaturesTest {

    static final String PIPELINE = "card-fraud";
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    TopicPublisher publisher;

    @Test
    void theLatestAggregatesOfEachEntityAreServedAndMerged() throws Exception {
        // Given two payments of a new customer at a new terminal, a minute apart
        String run = UUID.randomUUID().toString();
        String customer = "c-" + run;
        String terminal = "t-" + run;
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publishEvent("tx-" + run + "-1", t, customer, terminal, 40.0);

        // When the customer's features are asked for until they hold the first payment, then after the second
        awaitEntity("customer_id", customer, "tx-" + run + "-1");
        publishEvent("tx-" + run + "-2", t.plus(Duration.ofMinutes(1)), customer, terminal, 60.0);
        JsonPath answer = awaitEntity("customer_id", customer, "tx-" + run + "-2");

        // Then they are the customer's aggregates as of the second payment, in spec order
        assertThat(answer.getString("pipeline")).isEqualTo(PIPELINE);
        assertThat(answer.getString("entity")).isEqualTo("customer_id");
        assertThat(answer.getString("value")).isEqualTo(customer);
        assertThat(Instant.parse(answer.getString("asOf"))).isEqualTo(t.plus(Duration.ofMinutes(1)));
        Map<String, Float> features = answer.getMap("features");
        assertThat(List.copyOf(features.keySet())).containsExactly("customer_nb_tx_1d", "customer_avg_amount_1d",
                "customer_nb_tx_7d", "customer_avg_amount_7d", "customer_nb_tx_30d", "customer_avg_amount_30d");
        assertThat(answer.getDouble("features.customer_nb_tx_1d")).isEqualTo(2.0);
        assertThat(answer.getDouble("features.customer_avg_amount_1d")).isEqualTo(50.0);

        // And the vector endpoint merges the customer's and the terminal's aggregates, listing an unseen one missing
        JsonPath merged = given().queryParam("customer_id", customer).queryParam("terminal_id", terminal)
                .get("/v1/pipelines/{p}/features", PIPELINE).then().statusCode(200).extract().jsonPath();
        Map<String, Float> vector = merged.getMap("features");
        assertThat(vector).hasSize(12).containsKeys("customer_nb_tx_1d", "terminal_nb_tx_1d", "terminal_risk_30d");
        assertThat(List.copyOf(vector.keySet()).subList(0, 2)).containsExactly("customer_nb_tx_1d",
                "customer_avg_amount_1d");
        assertThat(merged.getString("entities.customer_id.eventId")).isEqualTo("tx-" + run + "-2");
        assertThat(merged.getString("entities.terminal_id.value")).isEqualTo(terminal);
        assertThat(merged.getList("missing")).isEmpty();

        JsonPath partly = given().queryParam("customer_id", customer).queryParam("terminal_id", "never-" + run)
                .get("/v1/pipelines/{p}/features", PIPELINE).then().statusCode(200).extract().jsonPath();
        assertThat(partly.getList("missing")).containsExactly("terminal_id");
        assertThat(partly.getMap("features")).hasSize(6).containsKey("customer_avg_amount_30d")
                .doesNotContainKey("terminal_nb_tx_1d");
        assertThat(partly.getMap("entities")).containsOnlyKeys("customer_id");
    }

    @Test
    void unknownPipelinesFieldsAndValuesAre404WithAMessage() {
        // Given the running service, its streams past their first assignment (until then lookups answer 503)
        await().atMost(PATIENCE).until(() -> "RUNNING".equals(
                given().get("/v1/pipelines/{p}/stats", PIPELINE).jsonPath().getString("streamsState")));

        // When it is asked for what it does not know; Then 404 naming what is wrong
        given().get("/v1/pipelines/{p}/features/customer_id/C1", "no-such-pipeline")
                .then().statusCode(404).body("error", containsString("no-such-pipeline"));
        given().get("/v1/pipelines/{p}/features/tx_amount/12", PIPELINE)
                .then().statusCode(404).body("status", is(404))
                .body("error", containsString("no aggregate by 'tx_amount'"))
                .body("error", containsString("customer_id"));
        given().get("/v1/pipelines/{p}/features/customer_id/{v}", PIPELINE, "never-seen-" + UUID.randomUUID())
                .then().statusCode(404).body("error", containsString("no features for customer_id 'never-seen-"));
        given().queryParam("merchant", "m1").get("/v1/pipelines/{p}/features", PIPELINE)
                .then().statusCode(404).body("error", containsString("'merchant'"));
        given().get("/v1/pipelines/{p}/features", PIPELINE)
                .then().statusCode(400).body("error", containsString("customer_id="));
    }

    private JsonPath awaitEntity(String field, String value, String eventId) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            var response = given().get("/v1/pipelines/{p}/features/{f}/{v}", PIPELINE, field, value);
            return response.statusCode() == 200 ? response.jsonPath() : null;
        }, answer -> answer != null && eventId.equals(answer.getString("eventId")));
    }

    private void publishEvent(String id, Instant time, String customer, String terminal, double amount)
            throws Exception {
        ObjectNode payload = Json.mapper().createObjectNode()
                .put("transaction_id", id).put("tx_datetime", time.toString())
                .put("customer_id", customer).put("terminal_id", terminal).put("tx_amount", amount);
        publisher.publish(Topics.events(PIPELINE), id, EventIngested.of(id, PIPELINE, time, Instant.now(), "test",
                payload)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
