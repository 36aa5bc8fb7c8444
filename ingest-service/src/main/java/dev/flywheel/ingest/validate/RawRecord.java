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
            throw new NotAnObject("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new NotAnObject("expected a JSON object but got " + (node == null ? "nothing" : node.getNodeType()));
        }
        return node;
    }

    RecordRejected reject(List<FieldViolation> violations, Instant now) {
        return new RecordRejected(UUID.randomUUID().toString(), RecordRejected.SCHEMA_VERSION, pipeline, kind,
                source, now, text, violations);
    }

    /** The record is not a JSON object, so no field can be checked. */
    static final class NotAnObject extends Exception {
        NotAnObject(String reason) {
            super(reason, null, false, false);
        }

        FieldViolation violation() {
            return new FieldViolation("$", getMessage());
        }
    }
}
