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
 * record comes out as its JSON text; a non-object element is passed on for admission to refuse.
 */
final class JsonRecordReader implements RecordReader {

    private final JsonParser parser;
    private boolean started;
    private boolean array;
    private boolean ended;
    private int index;

    JsonRecordReader(InputStream in) throws IOException {
        this.parser = Json.mapper().createParser(in);
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
            String text = text(parser.readValueAsTree());
            return SourceRecord.of(index++, text);
        } catch (JsonProcessingException e) {
            throw new UnreadableInput(index, "json", "not valid JSON " + where(e.getLocation()) + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UnreadableInput(index, "read", "the body could not be read: " + e.getMessage(), e);
        }
    }

    private SourceRecord single() throws IOException, UnreadableInput {
        JsonNode value = parser.readValueAsTree();
        ended = true;
        requireEnd();
        String text = text(value);
        return SourceRecord.of(index++, text);
    }

    private void requireEnd() throws IOException, UnreadableInput {
        if (parser.nextToken() != null) {
            throw new UnreadableInput(index, "json", "not valid JSON: more than one top-level value "
                    + where(parser.currentLocation()) + "; send one array, or one object per line as "
                    + "application/x-ndjson", null);
        }
    }

    private static String text(Object node) throws JsonProcessingException {
        return Json.mapper().writeValueAsString(node);
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : "at line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
