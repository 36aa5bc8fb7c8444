package dev.flywheel.contracts.spec;

import com.fasterxml.jackson.databind.JsonNode;

/** How values read inside problem and violation messages: {@code string "abc"}, {@code number -3.5}, {@code an array}. */
final class ValueDescriptions {

    private ValueDescriptions() {
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "string " + quote(value.textValue());
        }
        if (value.isNumber()) {
            return "number " + value.asText();
        }
        if (value.isBoolean()) {
            return "boolean " + value.asText();
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "an object";
        }
        return value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** Quoted, and shortened when long: a message should show which value, not all of it. */
    static String quote(String text) {
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return '"' + shown + '"';
    }
}
