package dev.flywheel.ingest.file;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.spec.FieldViolation;

/**
 * One record read from a body or file, by its position: the JSON text to admit, or the JSON value a
 * streaming reader already parsed (admitted without being written out and read again), or the problem
 * that refused it before admission (a ragged CSV row, a line that is not UTF-8, a record over the size
 * limit).
 *
 * @param index    position in the input: array element, NDJSON line or CSV data row, from 0
 * @param text     the record as a JSON object's text; null when {@code parsed} or {@code problem} is set
 * @param parsed   the record as parsed JSON; null when {@code text} or {@code problem} is set
 * @param maxBytes an upper bound of the record's size as UTF-8 JSON (exact for text and JSON array
 *                 elements); only when it passes a limit is the exact size worked out
 * @param problem  why the record could not even be read; null otherwise
 * @param raw      for a refused record, what was read of it (bounded; bytes that are not UTF-8 replaced), kept
 *                 on the rejected topic; null otherwise
 * @param utf8     the record's own bytes in the input when the reader kept them (a JSON array element, an NDJSON
 *                 line): admission reads them rather than the text, and an accepted event carries them as they
 *                 are instead of its parsed tree written out again; null otherwise
 */
public record SourceRecord(int index, String text, JsonNode parsed, long maxBytes, FieldViolation problem,
                           String raw, byte[] utf8) {

    /** How much of a refused record is kept: enough to recognise it, never more than a Kafka record takes. */
    public static final int RAW_KEPT_CHARS = 16 * 1024;

    public static SourceRecord of(int index, String text) {
        return new SourceRecord(index, text, null, (long) text.length() * 3, null, null, null);
    }

    /** A line's text with the bytes it was decoded from. */
    public static SourceRecord of(int index, String text, byte[] utf8) {
        return new SourceRecord(index, text, null, utf8.length, null, null, utf8);
    }

    public static SourceRecord parsed(int index, JsonNode parsed, long maxBytes) {
        return new SourceRecord(index, null, parsed, maxBytes, null, null, null);
    }

    /** A parsed value with the exact bytes it took in the input. */
    public static SourceRecord parsed(int index, JsonNode parsed, byte[] utf8) {
        return new SourceRecord(index, null, parsed, utf8.length, null, null, utf8);
    }

    /**
     * @param rule the violation's rule keyword: {@code columns}, {@code encoding}, {@code size}, {@code json}
     * @param raw  what was read of the record
     */
    public static SourceRecord refused(int index, String rule, String reason, String raw) {
        return new SourceRecord(index, null, null, 0, new FieldViolation("$", rule, reason, null), bounded(raw), null);
    }

    /** This record refused for its size: keeps its beginning. */
    public SourceRecord tooLarge(String reason) {
        return refused(index, "size", reason, json());
    }

    private static String bounded(String raw) {
        return raw == null || raw.length() <= RAW_KEPT_CHARS ? raw : raw.substring(0, RAW_KEPT_CHARS) + "...";
    }

    public boolean isRefused() {
        return problem != null;
    }

    /** The record as JSON text (writes a parsed record out). */
    public String json() {
        return text != null ? text : parsed.toString();
    }

    /** The record's exact size as UTF-8 JSON (writes a parsed record out: call only past a limit). */
    public long bytes() {
        return utf8 != null ? utf8.length : json().getBytes(StandardCharsets.UTF_8).length;
    }
}
