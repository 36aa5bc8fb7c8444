package dev.flywheel.ingest.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.json.RawJson;
import dev.flywheel.contracts.spec.FieldViolation;

/**
 * A record as it arrived (text, or a JSON value a streaming reader already parsed) with where it came
 * from; the first step of every admission is to read it as a JSON object.
 *
 * @param kind   {@code event} or {@code label}
 * @param source how it arrived: {@code http}, {@code kafka}, ...
 * @param text   the record's text; null when {@code parsed} or {@code utf8} is given
 * @param parsed the record already read as JSON; null when {@code text} is given
 * @param utf8   the record's bytes as they arrived (a Kafka record's value, an NDJSON line, a JSON array element),
 *               read when {@code parsed} is null; null when not kept
 */
record RawRecord(String pipeline, String kind, String source, String text, JsonNode parsed, byte[] utf8) {

    /**
     * Reads exactly one JSON value: {@code {"a":1} trailing} is refused rather than accepted as {@code {"a":1}}, so
     * nothing a producer sent is dropped unseen (and an accepted record's bytes are one JSON value, see {@link
     * #payload}).
     */
    private static final ObjectReader READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    RawRecord(String pipeline, String kind, String source, String text) {
        this(pipeline, kind, source, text, null, null);
    }

    RawRecord {
        if (text == null && parsed == null && utf8 == null) {
            throw new IllegalArgumentException("a raw record needs its text, its parsed value or its bytes");
        }
    }

    static RawRecord parsed(String pipeline, String kind, String source, JsonNode parsed) {
        return new RawRecord(pipeline, kind, source, null, parsed, null);
    }

    static RawRecord bytes(String pipeline, String kind, String source, byte[] utf8) {
        return new RawRecord(pipeline, kind, source, null, null, utf8);
    }

    /** The record as a JSON object, or the violation that says why it is not one. */
    JsonNode parse() throws NotAnObject {
        if (parsed != null) {
            return requireObject(parsed);
        }
        JsonNode node;
        try {
            node = utf8 != null ? READER.readTree(utf8) : READER.readTree(text);
        } catch (JsonProcessingException e) {
            // No value: the text is not JSON, and the rejection keeps it whole in raw anyway.
            throw new NotAnObject(FieldViolation.JSON, "not valid JSON: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            // Only a stream can fail to be read; text and byte arrays are in memory.
            throw new UncheckedIOException(e);
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

    /**
     * What an accepted record carries as its payload: the bytes it came as when there are any (they parsed as one
     * JSON object, so they are written out unchanged instead of the tree being written again), else the tree.
     */
    JsonNode payload(JsonNode event) {
        return utf8 != null ? RawJson.node(utf8) : event;
    }

    /** The record's text as it is kept in a rejection (bytes that are not UTF-8 replaced). */
    String rawText() {
        if (text != null) {
            return text;
        }
        return utf8 != null ? new String(utf8, StandardCharsets.UTF_8) : parsed.toString();
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
