package dev.flywheel.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;

/** The cross-field rules of {@code specs/validation.yaml}, one kind per test, applied to events. */
class ValidationRulesTest {

    private static final PipelineSpec SPEC = PipelineSpecs.parse("validation.yaml", TestSpecs.resource("validation.yaml"));
    private static final ValidationSpec VALIDATION = SPEC.validation();

    /** Keeps every rule; each test breaks one. */
    private static ObjectNode validEvent() {
        return (ObjectNode) json("""
                {"id": "e-1", "ts": "2018-04-01T00:00:31Z", "tx_amount": 100, "refund_amount": 40,
                 "quantity": 2, "start_time": "2018-04-01T00:00:00Z", "end_time": "2018-04-01T01:00:00Z",
                 "channel": "web", "card_number": "4111", "card_expiry": "12/29", "card_cvc": "123",
                 "online": true}""");
    }

    @Test
    void theSectionBindsEveryRuleInOrderAndTheDeduplicationWindow() {
        assertThat(VALIDATION.rules()).extracting(CrossFieldRule::name).containsExactly("refund_not_above_amount",
                "end_after_start", "few_items", "not_atm", "after_launch", "online_only", "card_needs_expiry");
        assertThat(VALIDATION.rules().get(6).fields()).containsExactly("card_number", "card_expiry", "card_cvc");
        assertThat(VALIDATION.deduplicateWithin()).contains(Duration.ofMinutes(10));
        assertThat(VALIDATION.deduplicateMaxIds()).isEqualTo(ValidationSpec.DEFAULT_MAX_IDS);
    }

    @Test
    void aValidEventBreaksNoRuleAndASpecWithoutTheSectionHasNone() {
        assertThat(VALIDATION.check(validEvent())).isEmpty();
        assertThat(PipelineSpecs.parse("minimal.yaml", TestSpecs.resource("minimal.yaml")).validation())
                .isEqualTo(ValidationSpec.NONE);
    }

    @Test
    void aFieldComparisonNamesTheRuleBothFieldsAndTheirValues() {
        // Given a refund above the amount
        ObjectNode event = validEvent();
        event.put("refund_amount", 120.5);

        // When
        List<FieldViolation> violations = VALIDATION.check(event);

        // Then
        assertThat(violations).containsExactly(new FieldViolation("refund_amount,tx_amount",
                "rule:refund_not_above_amount",
                "refund_not_above_amount: refund_amount (number 120.5) must be <= tx_amount (number 100)",
                json("{\"refund_amount\": 120.5, \"tx_amount\": 100}")));
    }

    @Test
    void numbersCompareByValueWhateverTheirNotation() {
        // Given a refund equal to the amount, written as a decimal and in exponent notation
        ObjectNode decimal = validEvent();
        decimal.set("refund_amount", json("100.000"));
        ObjectNode exponent = validEvent();
        exponent.set("refund_amount", json("1e2"));

        // When / Then equal is allowed by <=
        assertThat(VALIDATION.check(decimal)).isEmpty();
        assertThat(VALIDATION.check(exponent)).isEmpty();
    }

    @Test
    void timestampsCompareAsInstantsAcrossZonesAndEpochMillis() {
        // Given an end that reads later as text but is 30 minutes before the start as an instant
        ObjectNode zoned = validEvent();
        zoned.put("start_time", "2018-04-01T00:30:00Z");
        zoned.put("end_time", "2018-04-01T02:00:00+02:00");
        // and an end in epoch milliseconds one second after the start
        ObjectNode millis = validEvent();
        millis.put("end_time", 1522540801000L);

        // When / Then
        assertThat(VALIDATION.check(zoned)).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo("rule:end_after_start");
            assertThat(violation.field()).isEqualTo("end_time,start_time");
        });
        assertThat(VALIDATION.check(millis)).isEmpty();
    }

    @Test
    void literalsOfEachTypeAreCompared() {
        // Given a number, a string, a timestamp and a boolean literal each broken
        ObjectNode event = validEvent();
        event.put("quantity", 100);
        event.put("channel", "atm");
        event.put("ts", "2017-12-31T23:59:59Z");
        event.put("online", false);

        // When
        List<FieldViolation> violations = VALIDATION.check(event);

        // Then literal rules name only the field, and the value is the field's
        assertThat(violations).extracting(FieldViolation::field, FieldViolation::rule).containsExactly(
                tuple("quantity", "rule:few_items"),
                tuple("channel", "rule:not_atm"),
                tuple("ts", "rule:after_launch"),
                tuple("online", "rule:online_only"));
        assertThat(violations.get(0).reason()).isEqualTo("few_items: quantity (number 100) must be < 100");
        assertThat(violations.get(1).value()).isEqualTo(json("{\"channel\": \"atm\"}"));
    }

    @Test
    void stringsCompareLexically() {
        // Given a spec rule channel >= 'b' through the binder
        ValidationSpec rule = validationOf("{name: late_letter, check: \"channel >= 'b'\"}");
        ObjectNode apple = validEvent();
        apple.put("channel", "apple");
        ObjectNode banana = validEvent();
        banana.put("channel", "banana");

        // When / Then
        assertThat(rule.check(apple)).hasSize(1);
        assertThat(rule.check(banana)).isEmpty();
    }

    @Test
    void aRuleWhoseOperandsAreMissingNullOrIllTypedDoesNotFire() {
        // Given events without a refund, with a null end, and with a text quantity (the schema's concern)
        ObjectNode missing = validEvent();
        missing.remove("refund_amount");
        ObjectNode nullEnd = validEvent();
        nullEnd.putNull("end_time");
        ObjectNode wrongType = validEvent();
        wrongType.put("quantity", "many");

        // When / Then
        assertThat(VALIDATION.check(missing)).isEmpty();
        assertThat(VALIDATION.check(nullEnd)).isEmpty();
        assertThat(VALIDATION.check(wrongType)).isEmpty();
    }

    @Test
    void aGivenFieldRequiresItsCompanionsAndNamesTheMissingOnes() {
        // Given a card number without expiry and with a null cvc, and an event whose card number is null
        ObjectNode incomplete = validEvent();
        incomplete.remove("card_expiry");
        incomplete.putNull("card_cvc");
        ObjectNode noCard = validEvent();
        noCard.putNull("card_number");
        noCard.remove("card_expiry");

        // When / Then
        assertThat(VALIDATION.check(incomplete)).containsExactly(new FieldViolation("card_number,card_expiry,card_cvc",
                "rule:card_needs_expiry", "card_needs_expiry: card_expiry, card_cvc are required when card_number is given",
                json("{\"card_number\": \"4111\"}")));
        assertThat(VALIDATION.check(noCard)).isEmpty();
    }

    @Test
    void nonObjectEventsAreLeftToTheSchema() {
        assertThat(VALIDATION.check(json("[1]"))).isEmpty();
    }

    private static ValidationSpec validationOf(String rule) {
        String yaml = TestSpecs.resource("validation.yaml");
        yaml = yaml.substring(0, yaml.indexOf("validation:\n  rules:")) + "validation:\n  rules:\n    - " + rule + "\n";
        return PipelineSpecs.parse("one-rule.yaml", yaml).validation();
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
