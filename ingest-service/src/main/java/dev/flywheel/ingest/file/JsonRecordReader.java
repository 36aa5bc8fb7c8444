package dev.flywheel.ingest.file;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;

/**
 * Reads {@code application/json}: one JSON value, or a top-level array whose elements are the records,
 * element by element with Jackson's streaming parser (only the current element is in memory). Each
 * record comes out parsed, an object with the exact bytes it took in the body (so an accepted event carries those
 * instead of its tree written out again); a non-object element is passed on for admission to refuse.
 */
final class JsonRecordReader implements RecordReader {

    private final RetainingInputStream body;
    private final JsonParser parser;
    private boolean started;
    private boolean array;
    private boolean ended;
    private int index;

    JsonRecordReader(InputStream in) throws IOException {
        this.body = new RetainingInputStream(in);
        this.parser = Json.mapper().createParser(body);
    }

    @Override
    public SourceRecord next() throws UnreadableInput {
        if (ended) {
            return null;
        }
        try {
            if (!started) {
                started = true;
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw new UnreadableInput(0, "json", "not valid JSON: the body is empty", null);
                }
                array = first == JsonToken.START_ARRAY;
                if (!array) {
                    return single();
                }
            }
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new UnreadableInput(index, "json", "not valid JSON: the array is not closed (body ends "
                        + where(parser.currentLocation()) + ")", null);
            }
            if (token == JsonToken.END_ARRAY) {
                ended = true;
                requireEnd();
                return null;
            }
            return element();
        } catch (JsonProcessingException e) {
            throw new UnreadableInput(index, "json", "not valid JSON " + where(e.getLocation()) + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UnreadableInput(index, "read", "the body could not be read: " + e.getMessage(), e);
        }
    }

    private SourceRecord single() throws IOException, UnreadableInput {
        SourceRecord value = element();
        ended = true;
        requireEnd();
        return value;
    }

    /** The value at the current token, with its bytes when it is an object and the offsets are known. */
    private SourceRecord element() throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        JsonNode value = parser.readValueAsTree();
        long end = parser.currentLocation().getByteOffset();
        // Offsets are bytes only for a UTF-8 body (Jackson reads UTF-16/32 through a decoder, and says -1).
        byte[] utf8 = value != null && value.isObject() && start >= 0 && end > start ? body.slice(start, end) : null;
        body.releaseBefore(end);
        return utf8 != null
                ? SourceRecord.parsed(index++, value, utf8)
                : SourceRecord.parsed(index++, value, sizeBound(start, end));
    }

    private void requireEnd() throws IOException, UnreadableInput {
        if (parser.nextToken() != null) {
            throw new UnreadableInput(index, "json", "not valid JSON: more than one top-level value "
                    + where(parser.currentLocation()) + "; send one array, or one object per line as "
                    + "application/x-ndjson", null);
        }
    }

    /**
     * The bytes the element took in the body: its JSON written out again is no larger except for escapes
     * the writer adds (rare), so it bounds the record's size; unknown offsets give no bound.
     */
    private static long sizeBound(long start, long end) {
        return start >= 0 && end >= start ? (end - start) * 2 + 16 : Long.MAX_VALUE;
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : "at line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
