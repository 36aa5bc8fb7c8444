package dev.flywheel.ingest.validate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.FieldViolation;

/**
 * A record as it arrived (text, or a JSON value a streaming reader already parsed) with where it came
 * from; the first step of every admission is to read it as a JSON object.
 *
 * @param kind   {@code event} or {@code label}
 * @param source how it arrived: {@code http}, {@code kafka}, ...
 * @param text   the record's text; null when {@code parsed} is given (written out only for a rejection)
 * @param parsed the record already read as JSON; null when {@code text} is given
 */
record RawRecord(String pipeline, String kind, String source, String text, JsonNode parsed) {

    RawRecord(String pipeline, String kind, String source, String text) {
        this(pipeline, kind, source, text, null);
    }

    static RawRecord parsed(String pipeline, String kind, String source, JsonNode parsed) {
        return new RawRecord(pipeline, kind, source, null, parsed);
    }

    /** The record as a JSON object, or the violation that says why it is not one. */
    JsonNode parse() throws NotAnObject {
        if (parsed != null) {
            return requireObject(parsed);
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            // No value: the text is not JSON, and the rejection keeps it whole in raw anyway.
            throw new NotAnObject(FieldViolation.JSON, "not valid JSON: " + e.getOriginalMessage(), null);
        }
        return requireObject(node);
    }

    private static JsonNode requireObject(JsonNode node) throws NotAnObject {
        if (node == null || !node.isObject()) {
            throw new NotAnObject(FieldViolation.OBJECT,
                    "expected a JSON object but got " + (node == null ? "nothing" : node.getNodeType()), node);
        }
        return node;
    }

    /** The record's text as it is kept in a rejection. */
    String rawText() {
        return text != null ? text : parsed.toString();
    }

    RecordRejected reject(List<FieldViolation> violations, Instant now) {
        return new RecordRejected(UUID.randomUUID().toString(), RecordRejected.SCHEMA_VERSION, pipeline, kind,
                source, now, rawText(), violations);
    }

    /** The record is not a JSON object, so no field can be checked. */
    static final class NotAnObject extends Exception {
        private final transient FieldViolation violation;

        NotAnObject(String rule, String reason, JsonNode value) {
            super(reason, null, false, false);
            this.violation = new FieldViolation("$", rule, reason, value);
        }

        FieldViolation violation() {
            return violation;
        }
    }
}
