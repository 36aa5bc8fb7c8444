package dev.flywheel.ingest.source.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.ingest.source.jdbc.JdbcPosition.Type;
import dev.flywheel.ingest.source.jdbc.JdbcPosition.Value;

/**
 * Turns the rows of one result set into JSON objects named by column label, and reads the watermark and key
 * of a row as typed position values. Timestamps without zone are taken as UTC; every timestamp is written as
 * ISO-8601 UTC text with microseconds, dates as {@code yyyy-MM-dd}, whole numbers and decimals as JSON
 * numbers, binary as base64, NULL as null and any other type as its string form.
 */
final class RowConverter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ResultSet rows;
    private final String[] labels;
    private final int[] types;
    private final String[] typeNames;
    private final int watermarkIndex;
    private final int keyIndex;

    RowConverter(ResultSet rows, String watermarkColumn, String keyColumn) throws SQLException {
        this.rows = rows;
        ResultSetMetaData meta = rows.getMetaData();
        int count = meta.getColumnCount();
        labels = new String[count + 1];
        types = new int[count + 1];
        typeNames = new String[count + 1];
        Set<String> seen = new HashSet<>();
        int watermark = -1;
        int key = -1;
        for (int i = 1; i <= count; i++) {
            labels[i] = meta.getColumnLabel(i);
            types[i] = meta.getColumnType(i);
            typeNames[i] = meta.getColumnTypeName(i).toLowerCase(Locale.ROOT);
            if (!seen.add(labels[i])) {
                throw new IllegalArgumentException("query: column label '" + labels[i] + "' appears twice; give "
                        + "the columns distinct aliases (labels become the record's field names)");
            }
            if (labels[i].equalsIgnoreCase(watermarkColumn)) {
                watermark = i;
            }
            if (labels[i].equalsIgnoreCase(keyColumn)) {
                key = i;
            }
        }
        if (watermark < 0) {
            throw new IllegalArgumentException("watermarkColumn: '" + watermarkColumn + "' is not a column of the "
                    + "source (columns: " + String.join(", ", java.util.Arrays.asList(labels).subList(1, count + 1))
                    + ")");
        }
        if (key < 0) {
            throw new IllegalArgumentException("keyColumn: '" + keyColumn + "' is not a column of the source (columns: "
                    + String.join(", ", java.util.Arrays.asList(labels).subList(1, count + 1)) + ")");
        }
        watermarkIndex = watermark;
        keyIndex = key;
    }

    /** The current row as a JSON object. */
    ObjectNode record() throws SQLException {
        ObjectNode record = NODES.objectNode();
        for (int i = 1; i < labels.length; i++) {
            record.set(labels[i], json(i));
        }
        return record;
    }

    /** Where the current row lies: its watermark and key, typed. */
    JdbcPosition position() throws SQLException {
        return new JdbcPosition(value(watermarkIndex), value(keyIndex));
    }

    private JsonNode json(int i) throws SQLException {
        if (isTimestampTz(i)) {
            OffsetDateTime time = rows.getObject(i, OffsetDateTime.class);
            return time == null ? NODES.nullNode() : NODES.textNode(Value.timestamptz(time).text());
        }
        if (types[i] == Types.TIMESTAMP) {
            LocalDateTime time = rows.getObject(i, LocalDateTime.class);
            return time == null ? NODES.nullNode() : NODES.textNode(Value.timestamp(time).text());
        }
        if (types[i] == Types.DATE) {
            LocalDate date = rows.getObject(i, LocalDate.class);
            return date == null ? NODES.nullNode() : NODES.textNode(date.toString());
        }
        Object value = rows.getObject(i);
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger number) {
            return NODES.numberNode(number);
        }
        if (value instanceof BigDecimal number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            // JSON has no NaN or infinity; their names keep the information.
            return Double.isFinite(number) ? NODES.numberNode(number) : NODES.textNode(Double.toString(number));
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof byte[] bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof Blob blob) {
            return NODES.textNode(Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length())));
        }
        if (value instanceof Clob clob) {
            return NODES.textNode(clob.getSubString(1, (int) clob.length()));
        }
        if (types[i] == Types.TIME || types[i] == Types.TIME_WITH_TIMEZONE) {
            return NODES.textNode(rows.getString(i));
        }
        return NODES.textNode(value.toString());
    }

    private Value value(int i) throws SQLException {
        if (isTimestampTz(i)) {
            return Value.timestamptz(nonNull(i, rows.getObject(i, OffsetDateTime.class)));
        }
        if (types[i] == Types.TIMESTAMP) {
            return Value.timestamp(nonNull(i, rows.getObject(i, LocalDateTime.class)));
        }
        if (types[i] == Types.DATE) {
            return new Value(Type.DATE, nonNull(i, rows.getObject(i, LocalDate.class)).toString());
        }
        Object value = nonNull(i, rows.getObject(i));
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long
                || value instanceof BigInteger) {
            return new Value(Type.INTEGER, value.toString());
        }
        if (value instanceof BigDecimal number) {
            return new Value(Type.DECIMAL, number.toPlainString());
        }
        if (value instanceof Double || value instanceof Float) {
            return new Value(Type.DECIMAL, new BigDecimal(value.toString()).toPlainString());
        }
        if (value instanceof String text) {
            return new Value(Type.TEXT, text);
        }
        return new Value(Type.OTHER, rows.getString(i));
    }

    private boolean isTimestampTz(int i) {
        // The PostgreSQL driver reports timestamptz as Types.TIMESTAMP; its type name tells them apart.
        return types[i] == Types.TIMESTAMP_WITH_TIMEZONE || typeNames[i].equals("timestamptz");
    }

    private <T> T nonNull(int i, T value) {
        if (value == null) {
            // The query excludes NULL watermarks and keys; a NULL here means the source changed under us.
            throw new IllegalStateException("column '" + labels[i] + "' is NULL in a row the reader selected");
        }
        return value;
    }
}
