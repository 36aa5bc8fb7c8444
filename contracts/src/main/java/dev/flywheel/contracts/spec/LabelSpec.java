package dev.flywheel.contracts.spec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the model learns to predict and how it becomes known.
 *
 * @param positive the positive value of a binary label as written in the spec ({@code 1}, {@code true},
 *                 {@code fraud}); empty for a numeric label
 * @param maxDelay how long after its event a label may still arrive; after that the event counts as
 *                 unlabelled (zero for inline labels)
 */
public record LabelSpec(String name, LabelType type, Optional<String> positive, LabelArrival arrives,
                        Duration maxDelay) {

    public LabelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(arrives, "arrives");
        Objects.requireNonNull(maxDelay, "maxDelay");
    }

    /**
     * Whether a label value is the positive class. Numbers compare by value ({@code 1.0} is {@code 1}), and
     * booleans match a positive written as {@code true}/{@code 1} or {@code false}/{@code 0}, so producers
     * may send 1, 1.0 or true for the same spec.
     */
    public boolean isPositive(JsonNode value) {
        if (type != LabelType.BINARY || value == null || value.isNull() || positive.isEmpty()) {
            return false;
        }
        String expected = positive.get();
        if (value.isBoolean()) {
            return value.booleanValue() ? expected.equals("true") || isNumber(expected, BigDecimal.ONE)
                    : expected.equals("false") || isNumber(expected, BigDecimal.ZERO);
        }
        if (value.isNumber()) {
            return isNumber(expected, value.decimalValue());
        }
        return value.isTextual() && value.textValue().equals(expected);
    }

    private static boolean isNumber(String text, BigDecimal number) {
        try {
            return new BigDecimal(text).compareTo(number) == 0;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }
}
