package dev.flywheel.ingest.source.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;

/**
 * The watermark and key of the last row read: the runner keeps it as text and hands it back, and the next
 * read starts after it. Each value carries its type, so it binds back exactly as it was read:
 * <pre>{"watermark":{"type":"timestamp","value":"2024-01-31T10:15:30.123456Z"},"key":{"type":"integer","value":"42"}}</pre>
 */
record JdbcPosition(Value watermark, Value key) {

    /** ISO-8601 UTC with microseconds, the precision of both PostgreSQL and MariaDB. */
    static final DateTimeFormatter UTC_MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    /** How a value was read and is bound again. */
    enum Type {
        /** A timestamp without zone (PostgreSQL timestamp, MariaDB DATETIME/TIMESTAMP), read as UTC. */
        TIMESTAMP,
        /** PostgreSQL timestamptz. */
        TIMESTAMPTZ,
        DATE,
        /** Whole numbers, as the text of a BigDecimal. */
        INTEGER,
        /** Other numbers, as the text of a BigDecimal. */
        DECIMAL,
        TEXT,
        /** Any other type (uuid, enum, ...), as its text; the server casts it back. */
        OTHER;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One typed value; {@code text} is its canonical form for the type. */
    record Value(Type type, String text) {

        void bind(PreparedStatement statement, int index, Dialect dialect) throws SQLException {
            switch (type) {
                case TIMESTAMP -> statement.setObject(index, parseUtc(text).toLocalDateTime());
                case TIMESTAMPTZ -> statement.setObject(index, parseUtc(text));
                case DATE -> statement.setObject(index, LocalDate.parse(text));
                case INTEGER -> {
                    BigInteger number = new BigDecimal(text).toBigIntegerExact();
                    // Bound as bigint when it fits, so an index on an integer column stays usable.
                    if (number.bitLength() < 64) {
                        statement.setLong(index, number.longValueExact());
                    } else {
                        statement.setBigDecimal(index, new BigDecimal(number));
                    }
                }
                case DECIMAL -> statement.setBigDecimal(index, new BigDecimal(text));
                case TEXT -> statement.setString(index, text);
                case OTHER -> dialect.bindOther(statement, index, text);
                default -> throw new IllegalStateException("unhandled type " + type);
            }
        }

        static Value timestamp(LocalDateTime utc) {
            return new Value(Type.TIMESTAMP, UTC_MICROS.format(utc));
        }

        static Value timestamptz(OffsetDateTime time) {
            return new Value(Type.TIMESTAMPTZ, UTC_MICROS.format(time.withOffsetSameInstant(ZoneOffset.UTC)));
        }

        private void check(String field) {
            try {
                switch (type) {
                    case TIMESTAMP, TIMESTAMPTZ -> parseUtc(text);
                    case DATE -> LocalDate.parse(text);
                    case INTEGER -> new BigDecimal(text).toBigIntegerExact();
                    case DECIMAL -> new BigDecimal(text);
                    default -> {
                    }
                }
            } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("position: " + field + " '" + text + "' is not a valid "
                        + type.label());
            }
        }
    }

    private static OffsetDateTime parseUtc(String text) {
        return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
    }

    String toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.set("watermark", valueNode(watermark));
        node.set("key", valueNode(key));
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a position tree always serialises", e);
        }
    }

    /** Reads a position this class wrote; anything else is rejected with the reason. */
    static JdbcPosition parse(String json) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("position: not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("position: expected a JSON object {\"watermark\":...,\"key\":...}");
        }
        return new JdbcPosition(value(node, "watermark"), value(node, "key"));
    }

    private static ObjectNode valueNode(Value value) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", value.type().label());
        node.put("value", value.text());
        return node;
    }

    private static Value value(JsonNode position, String field) {
        JsonNode node = position.get(field);
        if (node == null || !node.isObject() || !node.path("type").isTextual() || !node.path("value").isTextual()) {
            throw new IllegalArgumentException("position: " + field + " must be {\"type\":...,\"value\":...} with text "
                    + "values");
        }
        Type type;
        try {
            type = Type.valueOf(node.get("type").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("position: " + field + " has unknown type '" + node.get("type").asText()
                    + "'");
        }
        Value value = new Value(type, node.get("value").asText());
        value.check(field);
        return value;
    }
}
