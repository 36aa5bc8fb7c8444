package dev.flywheel.contracts.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One reason a record was refused, readable by people and by programs.
 *
 * @param field  the field it concerns: a dotted path, {@code "$"} for the record as a whole, or, for a
 *               cross-field rule, every field the rule involves, comma-separated in the rule's order
 * @param rule   a stable keyword saying which check failed (the constants below, or
 *               {@code rule:<name>} for a cross-field rule of the spec's {@code validation} section);
 *               dashboards and producers branch on it, never on {@code reason}
 * @param reason a sentence a person can act on
 * @param value  the offending value as it was sent; JSON {@code null} when the field is missing (or was
 *               null). Strings, and containers whose JSON text is, longer than {@value #MAX_VALUE_CHARS}
 *               characters are cut to that length, so a rejection never carries a megabyte twice
 */
public record FieldViolation(String field, String rule, String reason, JsonNode value) {

    /** The record is not valid JSON. */
    public static final String JSON = "json";
    /** The record is JSON but not an object. */
    public static final String OBJECT = "object";
    public static final String REQUIRED = "required";
    public static final String NULL = "null";
    public static final String TYPE = "type";
    public static final String MIN = "min";
    public static final String MAX = "max";
    public static final String ENUM = "enum";
    public static final String PATTERN = "pattern";
    public static final String MIN_LENGTH = "minLength";
    public static final String MAX_LENGTH = "maxLength";
    /** A field the schema does not declare, under {@code additionalFields: reject}. */
    public static final String UNKNOWN_FIELD = "unknownField";
    /** The event id was seen before within the deduplication window. */
    public static final String DUPLICATE = "duplicate";
    /** What a violation made with the two-argument constructor says: no more precise rule known. */
    public static final String INVALID = "invalid";
    /** Prefix of the rule keyword of a cross-field rule: {@code rule:refund_not_above_amount}. */
    public static final String CROSS_FIELD_PREFIX = "rule:";

    static final int MAX_VALUE_CHARS = 200;

    public FieldViolation {
        // Records written before rule and value existed read back with both absent.
        rule = rule == null ? INVALID : rule;
        value = bounded(value);
    }

    /** A violation without a precise rule or value; kept so that callers written before rules still compile. */
    public FieldViolation(String field, String reason) {
        this(field, INVALID, reason, null);
    }

    /** The rule keyword of the cross-field rule of that name. */
    public static String crossFieldRule(String name) {
        return CROSS_FIELD_PREFIX + name;
    }

    private static JsonNode bounded(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return NullNode.getInstance();
        }
        if (value.isTextual()) {
            String text = value.textValue();
            return text.length() > MAX_VALUE_CHARS ? TextNode.valueOf(cut(text)) : value;
        }
        if (value.isContainerNode()) {
            String text = value.toString();
            return text.length() > MAX_VALUE_CHARS ? TextNode.valueOf(cut(text)) : value;
        }
        return value;
    }

    private static String cut(String text) {
        int end = Character.isHighSurrogate(text.charAt(MAX_VALUE_CHARS - 1)) ? MAX_VALUE_CHARS - 1 : MAX_VALUE_CHARS;
        return text.substring(0, end) + "...";
    }
}
