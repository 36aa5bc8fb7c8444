package dev.flywheel.inference.rest;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Reads the common single-row predict body, {@code {"features": {name: number, ...}, "eventId": "...",
 * "eventTime": ...}}, with Jackson's streaming parser straight into an array in the model's column order (each
 * model's name-to-column index is built once): no JSON tree, no map per request. Consumes the body's bytes and the
 * serving model's feature names; produces the row, or {@code null} for anything else (an event row, a value that is
 * not a finite number, a missing, unknown or repeated name, another key, unreadable JSON), which the caller then
 * reads the general way, where every wrong field is named. So this path never decides a refusal.
 */
final class FeatureRowReader {

    /** A row read by the fast path; {@code eventTime} stays JSON, checked like any other request's. */
    record FastRow(double[] values, String eventId, JsonNode eventTime) {
    }

    private final JsonFactory factory;
    private final Map<List<String>, Map<String, Integer>> columns = new ConcurrentHashMap<>();

    FeatureRowReader(JsonFactory factory) {
        this.factory = factory;
    }

    FastRow read(byte[] body, List<String> names) {
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            double[] values = null;
            String eventId = null;
            JsonNode eventTime = null;
            boolean idSeen = false;
            boolean timeSeen = false;
            String key;
            while ((key = parser.nextFieldName()) != null) {
                JsonToken token = parser.nextToken();
                switch (key) {
                    case "features" -> {
                        if (values != null || token != JsonToken.START_OBJECT) {
                            return null;
                        }
                        values = features(parser, names);
                        if (values == null) {
                            return null;
                        }
                    }
                    case "eventId" -> {
                        if (idSeen || token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL) {
                            return null;
                        }
                        idSeen = true;
                        eventId = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                    }
                    case "eventTime" -> {
                        if (timeSeen) {
                            return null;
                        }
                        timeSeen = true;
                        eventTime = time(parser, token);
                        if (eventTime == null && token != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            }
            // The object must be the whole body.
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null || values == null) {
                return null;
            }
            return new FastRow(values, eventId, eventTime);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private double[] features(JsonParser parser, List<String> names) throws IOException {
        Map<String, Integer> index = columns.computeIfAbsent(names, FeatureRowReader::indexOf);
        double[] values = new double[names.size()];
        boolean[] seen = new boolean[names.size()];
        int found = 0;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            Integer column = index.get(name);
            JsonToken token = parser.nextToken();
            if (column == null || seen[column]
                    || token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return null;
            }
            double value = parser.getDoubleValue();
            if (!Double.isFinite(value)) {
                return null;
            }
            values[column] = value;
            seen[column] = true;
            found++;
        }
        return found == values.length ? values : null;
    }

    /** The JSON node the general path's binding would make of an eventTime, or null for anything unusual. */
    private static JsonNode time(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return TextNode.valueOf(parser.getText());
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return switch (parser.getNumberType()) {
                case INT -> IntNode.valueOf(parser.getIntValue());
                case LONG -> LongNode.valueOf(parser.getLongValue());
                default -> null;
            };
        }
        return null;
    }

    private static Map<String, Integer> indexOf(List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        return Map.copyOf(index);
    }
}
