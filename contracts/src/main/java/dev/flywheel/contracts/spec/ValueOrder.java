package dev.flywheel.contracts.spec;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How the values of a field type compare in a {@link FieldComparison}: numbers numerically (integer and
 * number fields with each other, {@code 1 == 1.0}), timestamps as instants (an ISO string and epoch
 * milliseconds alike), strings lexically by UTF-16 code unit, booleans for equality only.
 */
public enum ValueOrder {
    NUMBER,
    TIMESTAMP,
    STRING,
    BOOLEAN;

    static ValueOrder of(FieldType type) {
        return switch (type) {
            case INTEGER, NUMBER -> NUMBER;
            case TIMESTAMP -> TIMESTAMP;
            case STRING -> STRING;
            case BOOLEAN -> BOOLEAN;
        };
    }

    /**
     * The comparison of two values, or empty when either is missing, null or not of this order (the rule
     * then does not fire; the schema reports the field).
     */
    OptionalInt compare(JsonNode left, JsonNode right) {
        if (left == null || right == null || left.isNull() || right.isNull()) {
            return OptionalInt.empty();
        }
        return switch (this) {
            case NUMBER -> left.isNumber() && right.isNumber()
                    ? OptionalInt.of(left.decimalValue().compareTo(right.decimalValue()))
                    : OptionalInt.empty();
            case TIMESTAMP -> compareInstants(TimestampFormat.read(left), TimestampFormat.read(right));
            case STRING -> left.isTextual() && right.isTextual()
                    ? OptionalInt.of(left.textValue().compareTo(right.textValue()))
                    : OptionalInt.empty();
            case BOOLEAN -> left.isBoolean() && right.isBoolean()
                    ? OptionalInt.of(Boolean.compare(left.booleanValue(), right.booleanValue()))
                    : OptionalInt.empty();
        };
    }

    private static OptionalInt compareInstants(Optional<Instant> left, Optional<Instant> right) {
        return left.isPresent() && right.isPresent()
                ? OptionalInt.of(left.get().compareTo(right.get()))
                : OptionalInt.empty();
    }
}
