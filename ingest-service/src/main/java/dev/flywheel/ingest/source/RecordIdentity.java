package dev.flywheel.ingest.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Names a pulled record for "seen before?" checks: its event id field when it has one (the spec's {@code eventId}),
 * else a SHA-256 of its JSON, so that a record without an id (refused later) is still recognised on the next read.
 */
public record RecordIdentity(String eventIdField) {

    public String of(ObjectNode record) {
        JsonNode id = record.get(eventIdField);
        if (id != null && (id.isTextual() || id.isIntegralNumber())) {
            return id.asText();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(record.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
