package dev.flywheel.contracts.spec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field of the event schema and its constraints.
 *
 * @param nullable   whether an explicit JSON {@code null} is accepted; defaults to {@code !required}
 * @param min        inclusive lower bound, integer and number fields only
 * @param max        inclusive upper bound, integer and number fields only
 * @param enumValues allowed values as written in the spec (empty: any); string, integer and number fields
 * @param pattern    regular expression the whole value must match, string fields only
 * @param minLength  minimum length in characters (code points), string fields only
 * @param maxLength  maximum length in characters (code points), string fields only
 */
public record FieldSpec(String name, FieldType type, boolean required, boolean nullable,
                        Optional<BigDecimal> min, Optional<BigDecimal> max, List<String> enumValues,
                        Optional<FieldPattern> pattern, OptionalInt minLength, OptionalInt maxLength) {

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        enumValues = List.copyOf(enumValues);
    }

    /** A field with a type and no other constraint; convenient in tests of other modules. */
    public static FieldSpec of(String name, FieldType type, boolean required) {
        return new FieldSpec(name, type, required, !required, Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    /**
     * Why a present value breaks this field's constraints, every reason at once; empty when it is valid.
     * A missing field is the schema's concern ({@link EventSchema#validate}), not this method's.
     */
    public List<String> violations(JsonNode value) {
        return check(value).stream().map(FieldViolation::reason).toList();
    }

    /**
     * Every constraint a present value breaks, each with its rule keyword and the value; empty when it is
     * valid. A missing field is the schema's concern ({@link EventSchema#validate}), not this method's.
     */
    public List<FieldViolation> check(JsonNode value) {
        if (value.isNull()) {
            return nullable ? List.of() : List.of(violation(FieldViolation.NULL, "must not be null", value));
        }
        if (!type.accepts(value)) {
            String got = "but got " + ValueDescriptions.describe(value);
            return List.of(violation(FieldViolation.TYPE, type == FieldType.TIMESTAMP
                    ? "not a timestamp: " + TimestampFormat.EXPECTED + ", " + got
                    : "expected " + type.description() + " " + got, value));
        }
        // Checked for every field of every event: plain branches, and a list only once something is wrong.
        List<FieldViolation> found = List.of();
        if (type.isNumeric()) {
            if (min.isPresent() && compareToBound(value, min.get()) < 0) {
                found = add(found, violation(FieldViolation.MIN,
                        "must be >= " + min.get().toPlainString() + " but was " + value.asText(), value));
            }
            if (max.isPresent() && compareToBound(value, max.get()) > 0) {
                found = add(found, violation(FieldViolation.MAX,
                        "must be <= " + max.get().toPlainString() + " but was " + value.asText(), value));
            }
        }
        if (!enumValues.isEmpty() && !isAllowed(value)) {
            found = add(found, violation(FieldViolation.ENUM,
                    "must be one of " + enumValues + " but was " + ValueDescriptions.describe(value), value));
        }
        if (type == FieldType.STRING) {
            String text = value.textValue();
            if (minLength.isPresent() || maxLength.isPresent()) {
                int length = text.codePointCount(0, text.length());
                if (minLength.isPresent() && length < minLength.getAsInt()) {
                    found = add(found, violation(FieldViolation.MIN_LENGTH, "must be at least " + minLength.getAsInt()
                            + " characters long but has " + length, value));
                }
                if (maxLength.isPresent() && length > maxLength.getAsInt()) {
                    found = add(found, violation(FieldViolation.MAX_LENGTH, "must be at most " + maxLength.getAsInt()
                            + " characters long but has " + length, value));
                }
            }
            if (pattern.isPresent() && !pattern.get().matches(text)) {
                found = add(found, violation(FieldViolation.PATTERN, "does not match pattern " + pattern.get().regex(),
                        value));
            }
        }
        return found;
    }

    private static List<FieldViolation> add(List<FieldViolation> found, FieldViolation violation) {
        List<FieldViolation> more = found.isEmpty() ? new ArrayList<>(2) : found;
        more.add(violation);
        return more;
    }

    /**
     * The value against a bound, as {@link BigDecimal}s compare them. A JSON number read as a double is first
     * compared as a double: turning it into a BigDecimal goes through {@link Double#toString}, the dearest step of
     * checking an event. A strict double comparison already gives the exact answer (a double below the bound's
     * nearest double is below the bound, and so is its shortest decimal form); only a tie needs the BigDecimal.
     */
    private static int compareToBound(JsonNode value, BigDecimal bound) {
        if (value.isDouble() || value.isFloat()) {
            double number = value.doubleValue();
            double limit = bound.doubleValue();
            if (number < limit) {
                return -1;
            }
            if (number > limit) {
                return 1;
            }
        }
        return value.decimalValue().compareTo(bound);
    }

    private FieldViolation violation(String rule, String reason, JsonNode value) {
        return new FieldViolation(name, rule, reason, value);
    }

    private boolean isAllowed(JsonNode value) {
        if (type.isNumeric()) {
            BigDecimal number = value.decimalValue();
            return enumValues.stream().anyMatch(allowed -> new BigDecimal(allowed).compareTo(number) == 0);
        }
        return enumValues.contains(value.asText());
    }
}
