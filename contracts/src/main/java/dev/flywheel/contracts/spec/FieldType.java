package dev.flywheel.contracts.spec;

import java.math.BigDecimal;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/** The type of an event field, and which JSON values have it. */
public enum FieldType implements SpecKeyword {
    STRING("a string"),
    INTEGER("an integer"),
    NUMBER("a number"),
    BOOLEAN("a boolean"),
    /** An ISO-8601 instant string or epoch milliseconds; see {@link TimestampFormat}. */
    TIMESTAMP("a timestamp");

    private final String description;

    FieldType(String description) {
        this.description = description;
    }

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** With an article, for messages: "expected a number". */
    public String description() {
        return description;
    }

    public boolean isNumeric() {
        return this == INTEGER || this == NUMBER;
    }

    /** Whether a non-null JSON value is of this type. {@code 3.0} counts as an integer, as in JSON Schema. */
    public boolean accepts(JsonNode value) {
        return switch (this) {
            case STRING -> value.isTextual();
            case INTEGER -> value.isIntegralNumber() || (value.isNumber() && isWhole(value.decimalValue()));
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case TIMESTAMP -> TimestampFormat.read(value).isPresent();
        };
    }

    private static boolean isWhole(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }
}
