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
 * A record as it arrived (text) with where it came from; the first step of every admission is to
 * read it as a JSON object.
 *
 * @param kind   {@code event} or {@code label}
 * @param source how it arrived: {@code http}, {@code kafka}, ...
 */
record RawRecord(String pipeline, String kind, String source, String text) {

    /** The record as a JSON object, or the violation that says why it is not one. */
    JsonNode parse() throws NotAnObject {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            // No value: the text is not JSON, and the rejection keeps it whole in raw anyway.
            throw new NotAnObject(FieldViolation.JSON, "not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (node == null || !node.isObject()) {
            throw new NotAnObject(FieldViolation.OBJECT,
                    "expected a JSON object but got " + (node == null ? "nothing" : node.getNodeType()), node);
        }
        return node;
    }

    RecordRejected reject(List<FieldViolation> violations, Instant now) {
        return new RecordRejected(UUID.randomUUID().toString(), RecordRejected.SCHEMA_VERSION, pipeline, kind,
                source, now, text, violations);
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
