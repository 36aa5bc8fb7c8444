package dev.flywheel.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Event validation against the schema of {@code specs/constraints.yaml}, which has every kind of constraint. */
class EventSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PipelineSpec SPEC = PipelineSpecs.parse("constraints.yaml", TestSpecs.resource("constraints.yaml"));
    private static final EventSchema SCHEMA = SPEC.schema();

    /** Satisfies every constraint; each test breaks one thing. */
    private static ObjectNode validEvent() {
        return (ObjectNode) json("""
                {"id": "tx-1234", "at": "2018-04-01T00:00:31Z", "amount": 12.5, "quantity": 2,
                 "channel": "web", "level": 2, "online": true, "note": null, "strict": "x"}""");
    }

    @Test
    void validEventHasNoViolations() {
        assertThat(SCHEMA.validate(validEvent())).isEmpty();
    }

    @Test
    void missingRequiredFieldIsAViolationButMissingOptionalFieldIsNot() {
        // Given an event without a required and without two optional fields
        ObjectNode event = validEvent();
        event.remove(List.of("amount", "quantity", "channel"));

        // When / Then only the required one is reported
        assertThat(SCHEMA.validate(event)).containsExactly(violation("amount", "required", "required field is missing", null));
    }

    @Test
    void nullIsAcceptedOnlyWhereTheFieldIsNullable() {
        // Given nulls for: a required field, a required nullable field, an optional field, an optional non-nullable field
        ObjectNode event = validEvent();
        event.putNull("amount");
        event.putNull("note");
        event.putNull("channel");
        event.putNull("strict");

        // When / Then
        assertThat(SCHEMA.validate(event)).containsExactly(
                violation("amount", "null", "must not be null", "null"),
                violation("strict", "null", "must not be null", "null"));
    }

    @Test
    void requiredNullableFieldMustStillBePresent() {
        ObjectNode event = validEvent();
        event.remove("note");

        assertThat(SCHEMA.validate(event)).containsExactly(violation("note", "required", "required field is missing", null));
    }

    @Test
    void wrongTypesNameTheExpectedTypeAndTheValue() {
        // Given
        ObjectNode event = validEvent();
        event.put("amount", "abc");
        event.put("quantity", 2.5);
        event.put("online", "yes");
        event.put("channel", 5);

        // When / Then
        assertThat(SCHEMA.validate(event)).containsExactly(
                violation("amount", "type", "expected a number but got string \"abc\"", "\"abc\""),
                violation("quantity", "type", "expected an integer but got number 2.5", "2.5"),
                violation("channel", "type", "expected a string but got number 5", "5"),
                violation("online", "type", "expected a boolean but got string \"yes\"", "\"yes\""));
    }

    @Test
    void integerFieldAcceptsAWholeNumberWrittenWithADecimalPoint() {
        ObjectNode event = validEvent();
        event.put("quantity", 3.0);

        assertThat(SCHEMA.validate(event)).isEmpty();
    }

    @Test
    void numericBoundsAreInclusive() {
        // Given values on and beyond the bounds
        ObjectNode onBounds = validEvent();
        onBounds.put("amount", 1000);
        onBounds.put("quantity", 1);
        ObjectNode beyond = validEvent();
        beyond.put("amount", -3.5);
        beyond.put("quantity", 0);
        ObjectNode above = validEvent();
        above.put("amount", 1000.01);

        // When / Then
        assertThat(SCHEMA.validate(onBounds)).isEmpty();
        assertThat(SCHEMA.validate(beyond)).containsExactly(
                violation("amount", "min", "must be >= 0 but was -3.5", "-3.5"),
                violation("quantity", "min", "must be >= 1 but was 0", "0"));
        assertThat(SCHEMA.validate(above)).containsExactly(violation("amount", "max", "must be <= 1000 but was 1000.01", "1000.01"));
    }

    @Test
    void enumAllowsOnlyTheListedValuesComparingNumbersByValue() {
        // Given
        ObjectNode wrong = validEvent();
        wrong.put("channel", "atm");
        wrong.put("level", 4);
        ObjectNode sameNumber = validEvent();
        sameNumber.put("level", 2.0);

        // When / Then
        assertThat(SCHEMA.validate(wrong)).containsExactly(
                violation("channel", "enum", "must be one of [web, pos] but was string \"atm\"", "\"atm\""),
                violation("level", "enum", "must be one of [1, 2, 3] but was number 4", "4"));
        assertThat(SCHEMA.validate(sameNumber)).isEmpty();
    }

    @Test
    void patternMustMatchTheWholeValue() {
        ObjectNode event = validEvent();
        event.put("id", "tx-12a");

        assertThat(SCHEMA.validate(event)).containsExactly(violation("id", "pattern", "does not match pattern tx-[0-9]+", "\"tx-12a\""));
    }

    @Test
    void lengthLimitsAreCheckedAndEveryBrokenConstraintIsReported() {
        // Given an id too short (and so not matching) and one too long
        ObjectNode tooShort = validEvent();
        tooShort.put("id", "tx-");
        ObjectNode tooLong = validEvent();
        tooLong.put("id", "tx-123456789");

        // When / Then
        assertThat(SCHEMA.validate(tooShort)).containsExactly(
                violation("id", "minLength", "must be at least 4 characters long but has 3", "\"tx-\""),
                violation("id", "pattern", "does not match pattern tx-[0-9]+", "\"tx-\""));
        assertThat(SCHEMA.validate(tooLong)).containsExactly(
                violation("id", "maxLength", "must be at most 8 characters long but has 12", "\"tx-123456789\""));
    }

    @Test
    void timestampAcceptsIsoInstantsWithAZoneAndEpochMillis() {
        for (JsonNode time : List.of(json("\"2018-04-01T02:00:31+02:00\""), json("1522540831000"))) {
            ObjectNode event = validEvent();
            event.set("at", time);
            assertThat(SCHEMA.validate(event)).as("time %s", time).isEmpty();
        }
    }

    @Test
    void timestampRefusesTextWithoutZoneAndOtherValues() {
        // Given the handbook's local date-time format, a word and a decimal
        for (JsonNode time : List.of(json("\"2018-04-01 00:00:31\""), json("\"yesterday\""), json("12.5"))) {
            ObjectNode event = validEvent();
            event.set("at", time);

            // When / Then
            assertThat(SCHEMA.validate(event)).singleElement().satisfies(violation -> {
                assertThat(violation.field()).isEqualTo("at");
                assertThat(violation.rule()).isEqualTo("type");
                assertThat(violation.value()).isEqualTo(time);
                assertThat(violation.reason()).startsWith(
                        "not a timestamp: expected ISO-8601 like 2018-04-01T00:00:00Z or epoch milliseconds, but got ");
            });
        }
    }

    @Test
    void unknownFieldsAreRefusedUnderReject() {
        // Given constraints.yaml, which says additionalFields: reject
        ObjectNode event = validEvent();
        event.put("extra", 1);

        // When / Then
        assertThat(SCHEMA.validate(event)).containsExactly(
                violation("extra", "unknownField", "unknown field (additionalFields: reject)", "1"));
    }

    @Test
    void unknownFieldsPassUnderAllow() {
        // Given the demo pipeline, which says additionalFields: allow
        EventSchema demo = PipelineSpecs.load(TestSpecs.DEMO).schema();
        JsonNode event = json("""
                {"transaction_id": "0", "tx_datetime": "2018-04-01T00:00:31Z", "customer_id": "596",
                 "terminal_id": "3156", "tx_amount": 57.16, "tx_time_seconds": 31, "tx_time_days": 0}""");

        // When / Then
        assertThat(demo.validate(event)).isEmpty();
    }

    @Test
    void nonObjectEventIsOneViolationOfTheWholeRecord() {
        assertThat(SCHEMA.validate(json("[1, 2]")))
                .containsExactly(violation("$", "object", "expected a JSON object but got an array", "[1, 2]"));
    }

    @Test
    void eventTimeAndIdAreReadFromAValidEvent() {
        // Given
        ObjectNode event = validEvent();
        ObjectNode millis = validEvent();
        millis.put("at", 1522540831000L);

        // When / Then
        assertThat(SPEC.eventTime(event)).isEqualTo(Instant.parse("2018-04-01T00:00:31Z"));
        assertThat(SPEC.eventTime(millis)).isEqualTo(Instant.parse("2018-04-01T00:00:31Z"));
        assertThat(SPEC.eventId(event)).isEqualTo("tx-1234");
    }

    @Test
    void integerEventIdIsReadAsItsDigits() {
        // Given a spec whose id field is an integer
        PipelineSpec spec = PipelineSpecs.parse("int-id.yaml",
                TestSpecs.minimalWith("id: {type: string, required: true}", "id: {type: integer, required: true}"));

        // When / Then
        assertThat(spec.eventId(json("{\"id\": 42}"))).isEqualTo("42");
        assertThat(spec.eventId(json("{\"id\": 42.0}"))).isEqualTo("42");
    }

    @Test
    void readingTheTimeOfAnInvalidEventFailsLoudly() {
        assertThatThrownBy(() -> SPEC.eventTime(json("{\"at\": \"yesterday\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'at' is not a timestamp");
        assertThatThrownBy(() -> SPEC.eventId(json("{}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** The violation expected, its value written as JSON text; {@code null} for a missing field. */
    private static FieldViolation violation(String field, String rule, String reason, String valueJson) {
        return new FieldViolation(field, rule, reason, valueJson == null ? null : json(valueJson));
    }
}
