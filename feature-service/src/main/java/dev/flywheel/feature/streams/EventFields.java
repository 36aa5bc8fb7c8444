package dev.flywheel.feature.streams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads event payload fields the way every feature sees them: numbers as doubles, keys as canonical text. */
final class EventFields {

    private EventFields() {
    }

    /** A number as it is, a boolean as 1 or 0; empty for a missing, null or non-numeric value. */
    static OptionalDouble number(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        if (value == null || value.isNull()) {
            return OptionalDouble.empty();
        }
        if (value.isNumber()) {
            return OptionalDouble.of(value.doubleValue());
        }
        if (value.isBoolean()) {
            return OptionalDouble.of(value.booleanValue() ? 1 : 0);
        }
        return OptionalDouble.empty();
    }

    /**
     * A value as text that is equal for equal values: a string as it is, a number by value ({@code 2}, {@code 2.0}
     * and {@code 2.00} are all {@code "2"}), so that entity keys and distinct counts do not depend on how a
     * producer wrote a number. Empty for a missing or null value.
     */
    static Optional<String> text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return Optional.of(value.textValue());
        }
        if (value.isNumber()) {
            return Optional.of(value.decimalValue().stripTrailingZeros().toPlainString());
        }
        return Optional.of(value.toString());
    }

    /** The entity values the event has, in the order of {@code fields}. */
    static Map<String, String> entities(JsonNode payload, List<String> fields) {
        Map<String, String> entities = new LinkedHashMap<>();
        fields.forEach(field -> text(payload, field).ifPresent(value -> entities.put(field, value)));
        return entities;
    }
}
