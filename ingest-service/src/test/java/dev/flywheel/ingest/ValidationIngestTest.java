package dev.flywheel.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.FieldViolation;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The {@code validated} pipeline of {@code src/test/resources/pipelines} (schema constraints, two
 * cross-field rules, a 10-minute deduplication window) over HTTP and the real broker: refusals reach the
 * rejected topic machine-readable, a duplicate is not published twice, and both show on {@code /q/metrics}.
 */
@QuarkusTest
@TestProfile(ValidationIngestTest.ValidatedPipeline.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class ValidationIngestTest {

    private static final String PIPELINE = "validated";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Loads the pipelines of this module's test resources instead of the shared folder. */
    public static class ValidatedPipeline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flywheel.pipelines-dir", "src/test/resources/pipelines");
        }
    }

    @Test
    void refusalsArriveOnTheRejectedTopicWithFieldRuleAndValue() {
        // Given a negative amount in a channel not listed, with a card number but no expiry;
        // and a refund above the amount
        String bad = uniqueId();
        String overRefunded = uniqueId();
        ObjectNode first = order(bad, -5);
        first.put("channel", "atm");
        first.put("card_number", "4111");
        ObjectNode second = order(overRefunded, 20);
        second.put("refund", 50);

        // When
        given().contentType(ContentType.JSON).body("[" + first + "," + second + "]")
                .post("/v1/pipelines/{p}/events", PIPELINE)
                .then().statusCode(400)
                .body("rejected", is(2))
                .body("results[0].violations.rule", hasItems("min", "enum", "rule:card_needs_expiry"))
                .body("results[1].violations[0].field", is("refund,amount"));

        // Then the rejected topic has both, each violation with its rule and the value sent
        try (var rejected = TopicProbe.of(Topics.rejected(PIPELINE))) {
            RecordRejected refused = rejected.await(r -> r.raw().contains(bad), WAIT);
            assertThat(refused.violations()).extracting(FieldViolation::field, FieldViolation::rule).containsExactly(
                    tuple("amount", "min"),
                    tuple("channel", "enum"),
                    tuple("card_number,card_expiry", "rule:card_needs_expiry"));
            assertThat(refused.violations().get(0).value().asInt()).isEqualTo(-5);
            assertThat(refused.violations().get(1).value().textValue()).isEqualTo("atm");
            assertThat(refused.violations().get(2).value().get("card_number").textValue()).isEqualTo("4111");

            RecordRejected overRefund = rejected.await(r -> r.raw().contains(overRefunded), WAIT);
            assertThat(overRefund.violations()).singleElement().satisfies(violation -> {
                assertThat(violation.rule()).isEqualTo("rule:refund_not_above_amount");
                assertThat(violation.reason()).isEqualTo(
                        "refund_not_above_amount: refund (number 50) must be <= amount (number 20)");
                assertThat(violation.value().get("refund").asInt()).isEqualTo(50);
                assertThat(violation.value().get("amount").asInt()).isEqualTo(20);
            });
        }
    }

    @Test
    void aMissingFieldIsReportedWithRuleRequiredAndANullValue() {
        // Given an order without its customer
        String id = uniqueId();
        ObjectNode order = order(id, 10);
        order.remove("customer_id");

        // When / Then
        given().contentType(ContentType.JSON).body(order.toString())
                .post("/v1/pipelines/{p}/events", PIPELINE)
                .then().statusCode(400)
                .body("results[0].violations[0].field", is("customer_id"))
                .body("results[0].violations[0].rule", is("required"))
                .body("results[0].violations[0]", hasKey("value"))
                .body("results[0].violations[0].value", is((Object) null));
    }

    @Test
    void aDuplicateWithinTheWindowIsReportedAndNotPublishedTwice() {
        // Given an order accepted once
        String id = uniqueId();
        double duplicatesBefore = metric("flywheel_ingest_duplicates_total", "pipeline=\"validated\"");
        given().contentType(ContentType.JSON).body(order(id, 10).toString())
                .post("/v1/pipelines/{p}/events", PIPELINE)
                .then().statusCode(200).body("accepted", is(1));

        // When the same order id comes again (with another amount), then a different order
        given().contentType(ContentType.JSON).body(order(id, 11).toString())
                .post("/v1/pipelines/{p}/events", PIPELINE)
                .then().statusCode(200)
                .body("accepted", is(0))
                .body("rejected", is(0))
                .body("results[0].status", is("duplicate"))
                .body("results[0].eventId", is(id));
        String later = uniqueId();
        given().contentType(ContentType.JSON).body(order(later, 12).toString())
                .post("/v1/pipelines/{p}/events", PIPELINE)
                .then().statusCode(200);

        // Then the events topic holds the first only: the later order is there, the duplicate never was
        try (var events = TopicProbe.of(Topics.events(PIPELINE))) {
            events.await(e -> e.eventId().equals(later), WAIT);
            assertThat(events.seen()).filteredOn(e -> e.eventId().equals(id)).singleElement()
                    .extracting(EventIngested::payload).satisfies(payload ->
                            assertThat(payload.get("amount").asInt()).isEqualTo(10));
        }
        assertThat(metric("flywheel_ingest_duplicates_total", "pipeline=\"validated\""))
                .isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void aRefusalMovesThePerRuleViolationCounter() {
        // Given the counter of the cross-field rule before
        String[] labels = {"field=\"refund,amount\"", "kind=\"event\"", "pipeline=\"validated\"",
                "rule=\"rule:refund_not_above_amount\""};
        double before = metric("flywheel_ingest_violations_total", labels);
        ObjectNode overRefunded = order(uniqueId(), 1);
        overRefunded.put("refund", 2);

        // When
        given().contentType(ContentType.JSON).body(overRefunded.toString())
                .post("/v1/pipelines/{p}/events", PIPELINE)
                .then().statusCode(400);

        // Then
        assertThat(metric("flywheel_ingest_violations_total", labels)).isEqualTo(before + 1);
    }

    private static ObjectNode order(String id, int amount) {
        ObjectNode order = Json.mapper().createObjectNode();
        order.put("order_id", id);
        order.put("ordered_at", "2018-04-01T00:07:56Z");
        order.put("customer_id", "c-7");
        order.put("amount", amount);
        return order;
    }

    private static String uniqueId() {
        return UUID.randomUUID().toString();
    }

    /** A sample of {@code /q/metrics} whose labels include all of {@code labels}; 0 when there is none yet. */
    private static double metric(String name, String... labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{(.*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = sample.matcher(text);
        while (matcher.find()) {
            String found = matcher.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return 0;
    }
}
