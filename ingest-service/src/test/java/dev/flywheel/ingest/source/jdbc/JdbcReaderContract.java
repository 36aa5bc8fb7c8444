package dev.flywheel.ingest.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.ingest.source.pull.PullBatch;

/**
 * What {@link JdbcReader} must do on every database it supports; a subclass per database supplies a running
 * server and its column types.
 */
abstract class JdbcReaderContract {

    private static final AtomicInteger TABLES = new AtomicInteger();

    static final LocalDateTime T1 = LocalDateTime.parse("2024-01-31T10:15:30.123456");
    static final LocalDateTime T2 = T1.plusSeconds(1);
    static final LocalDateTime T3 = T1.plusSeconds(2);
    static final LocalDateTime T4 = T1.plusSeconds(3);

    abstract String url();

    abstract Connection admin() throws SQLException;

    /** A timestamp column type with microseconds and no zone. */
    abstract String timestampType();

    abstract String binaryType();

    String user() {
        return "root";
    }

    String password() {
        return "";
    }

    /** A table name no other test uses. */
    static String newTable(String prefix) {
        return prefix + "_" + TABLES.incrementAndGet();
    }

    JdbcSourceSettings tableSettings(String table, int batchSize) {
        return new JdbcSourceSettings(url(), user(), password(), Optional.of(table), Optional.empty(), "updated_at",
                "id", batchSize);
    }

    void execute(String... statements) throws SQLException {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** A table of (id, updated_at) rows. */
    String eventsTable() throws SQLException {
        String table = newTable("events");
        execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, updated_at " + timestampType() + " NOT NULL)");
        return table;
    }

    void insertEvent(String table, long id, LocalDateTime updatedAt) throws SQLException {
        try (Connection connection = admin();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + table + " (id, updated_at) VALUES (?, ?)")) {
            insert.setLong(1, id);
            insert.setObject(2, updatedAt);
            insert.executeUpdate();
        }
    }

    /** Reads until the source says it is exhausted, returning the batches. */
    static List<PullBatch> readAll(JdbcReader reader, Optional<String> from) throws Exception {
        List<PullBatch> batches = new ArrayList<>();
        Optional<String> position = from;
        while (true) {
            PullBatch batch = reader.read(position);
            batches.add(batch);
            position = batch.position().isPresent() ? batch.position() : position;
            if (batch.exhausted()) {
                return batches;
            }
        }
    }

    static List<Long> ids(List<PullBatch> batches, String field) {
        return batches.stream().flatMap(batch -> batch.records().stream()).map(row -> row.get(field).asLong())
                .toList();
    }

    static Optional<String> lastPosition(List<PullBatch> batches) {
        Optional<String> position = Optional.empty();
        for (PullBatch batch : batches) {
            if (batch.position().isPresent()) {
                position = batch.position();
            }
        }
        return position;
    }

    @Test
    void readsATableFromTheStartInBatchesOnceEachInWatermarkKeyOrderWithTypedValues() throws Exception {
        // Given rows inserted out of order, some sharing a watermark, with every kind of column
        String table = newTable("typed");
        execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, updated_at " + timestampType() + " NOT NULL, "
                + "amount DECIMAL(12,2), name VARCHAR(100), flag BOOLEAN, born DATE, payload " + binaryType()
                + ", note VARCHAR(20), small INTEGER)");
        long[][] idAndSecond = {{5, 1}, {1, 0}, {7, 2}, {3, 1}, {2, 0}, {6, 2}, {4, 1}};
        try (Connection connection = admin();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                        + " (id, updated_at, amount, name, flag, born, payload, note, small) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)")) {
            for (long[] row : idAndSecond) {
                insert.setLong(1, row[0]);
                insert.setObject(2, T1.plusSeconds(row[1]));
                insert.setBigDecimal(3, new BigDecimal("12.50").add(BigDecimal.valueOf(row[0])));
                insert.setString(4, "name " + row[0]);
                insert.setBoolean(5, row[0] % 2 == 1);
                insert.setObject(6, LocalDate.parse("2024-01-31"));
                insert.setBytes(7, new byte[] {1, 2, 3, (byte) 255});
                insert.setInt(8, (int) row[0] * 10);
                insert.executeUpdate();
            }
        }

        // When it is read three rows at a time
        List<PullBatch> batches;
        try (JdbcReader reader = new JdbcReader(tableSettings(table, 3))) {
            batches = readAll(reader, Optional.empty());
        }

        // Then every row comes once, ordered by (updated_at, id), in batches 3, 3, 1
        assertThat(ids(batches, "id")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(batches).extracting(batch -> batch.records().size()).containsExactly(3, 3, 1);
        assertThat(batches).extracting(PullBatch::exhausted).containsExactly(false, false, true);
        ObjectNode first = batches.get(0).records().get(0);
        assertThat(first.get("id").isIntegralNumber()).isTrue();
        assertThat(first.get("small").isIntegralNumber()).isTrue();
        assertThat(first.get("small").asLong()).isEqualTo(10L);
        assertThat(first.get("updated_at").asText()).isEqualTo("2024-01-31T10:15:30.123456Z");
        assertThat(first.get("amount").isNumber()).isTrue();
        assertThat(first.get("amount").decimalValue()).isEqualByComparingTo("13.50");
        assertThat(first.get("name").asText()).isEqualTo("name 1");
        assertThat(first.get("flag").isBoolean()).isTrue();
        assertThat(first.get("flag").asBoolean()).isTrue();
        assertThat(first.get("born").asText()).isEqualTo("2024-01-31");
        assertThat(first.get("payload").asText()).isEqualTo("AQID/w==");
        assertThat(first.get("note").isNull()).isTrue();
        assertThat(batches.get(1).records().get(0).get("flag").asBoolean()).isFalse();
        // ... and the position is the typed (watermark, key) of the last row read
        JsonNode position = Json.mapper().readTree(batches.get(2).position().orElseThrow());
        assertThat(position.path("watermark").path("type").asText()).isEqualTo("timestamp");
        assertThat(position.path("watermark").path("value").asText()).isEqualTo("2024-01-31T10:15:32.123456Z");
        assertThat(position.path("key").path("type").asText()).isEqualTo("integer");
        assertThat(position.path("key").path("value").asText()).isEqualTo("7");
    }

    @Test
    void aNewReaderGivenAKeptPositionNeitherSkipsNorRepeatsRows() throws Exception {
        // Given six rows, where the first batch boundary falls inside a run of equal timestamps
        String table = eventsTable();
        insertEvent(table, 1, T1);
        insertEvent(table, 2, T1);
        insertEvent(table, 3, T2);
        insertEvent(table, 4, T2);
        insertEvent(table, 5, T2);
        insertEvent(table, 6, T3);
        List<Long> before = new ArrayList<>();
        Optional<String> kept;
        try (JdbcReader reader = new JdbcReader(tableSettings(table, 3))) {
            PullBatch first = reader.read(Optional.empty());
            PullBatch second = reader.read(first.position());
            before.addAll(ids(List.of(first, second), "id"));
            kept = second.position();
        }
        assertThat(before).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);

        // When rows arrive with the same watermark as the last one read (larger keys), a later watermark with a
        // smaller key, and a run of equal timestamps longer than a batch, and a new reader resumes from the position
        insertEvent(table, 8, T3);
        insertEvent(table, 7, T3);
        insertEvent(table, 10, T3);
        for (long id = 20; id < 25; id++) {
            insertEvent(table, id, T4);
        }
        insertEvent(table, 0, T4.plusNanos(1000));
        List<PullBatch> after;
        try (JdbcReader reader = new JdbcReader(tableSettings(table, 3))) {
            after = readAll(reader, kept);
        }

        // Then the two readers together saw every row exactly once, in (watermark, key) order
        assertThat(ids(after, "id")).containsExactly(7L, 8L, 10L, 20L, 21L, 22L, 23L, 24L, 0L);
        assertThat(lastPosition(after)).isPresent();
        try (JdbcReader reader = new JdbcReader(tableSettings(table, 3))) {
            PullBatch nothing = reader.read(lastPosition(after));
            assertThat(nothing.records()).isEmpty();
            assertThat(nothing.position()).isEmpty();
            assertThat(nothing.exhausted()).isTrue();
        }
    }

    @Test
    void aQuerySourceWithAJoinAndAFilterIsReadIncrementally() throws Exception {
        // Given orders of customers in two countries
        String customers = newTable("customers");
        String orders = newTable("orders");
        execute("CREATE TABLE " + customers + " (id INTEGER PRIMARY KEY, name VARCHAR(50), country CHAR(2))",
                "CREATE TABLE " + orders + " (id BIGINT PRIMARY KEY, customer_id INTEGER, amount DECIMAL(10,2), "
                        + "updated_at " + timestampType() + ")",
                "INSERT INTO " + customers + " VALUES (1, 'Ada', 'DE'), (2, 'Bo', 'FR'), (3, 'Cy', 'DE')");
        long[][] orderRows = {{10, 1, 0}, {11, 2, 0}, {12, 3, 0}, {13, 1, 1}, {14, 2, 1}, {15, 3, 2}, {16, 1, 2}};
        try (Connection connection = admin();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + orders + " VALUES (?, ?, 9.99, ?)")) {
            for (long[] row : orderRows) {
                insert.setLong(1, row[0]);
                insert.setLong(2, row[1]);
                insert.setObject(3, T1.plusSeconds(row[2]));
                insert.executeUpdate();
            }
        }
        String query = "SELECT o.id AS order_id, o.updated_at, o.amount, c.name AS customer FROM " + orders
                + " o JOIN " + customers + " c ON c.id = o.customer_id WHERE c.country = 'DE'";
        JdbcSourceSettings settings = new JdbcSourceSettings(url(), user(), password(), Optional.empty(),
                Optional.of(query), "updated_at", "order_id", 2);

        // When it is read two rows at a time
        List<PullBatch> batches;
        try (JdbcReader reader = new JdbcReader(settings)) {
            batches = readAll(reader, Optional.empty());
        }

        // Then only the German orders come, joined with their customer, in (updated_at, order_id) order
        assertThat(ids(batches, "order_id")).containsExactly(10L, 12L, 13L, 15L, 16L);
        assertThat(batches.get(0).records().get(0).get("customer").asText()).isEqualTo("Ada");
        assertThat(batches.get(0).records().get(1).get("customer").asText()).isEqualTo("Cy");
        assertThat(batches.get(0).records().get(0).get("amount").decimalValue()).isEqualByComparingTo("9.99");
        assertThat(batches.get(0).records().get(0).fieldNames()).toIterable()
                .containsExactly("order_id", "updated_at", "amount", "customer");
    }

    @Test
    void aSourceThatDoesNotMatchTheSettingsIsReportedClearly() throws Exception {
        // Given a table without the configured watermark column, a query with two columns of the same label, a
        // missing table and a position that is not one
        String table = newTable("nowatermark");
        execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, created " + timestampType() + ")");
        JdbcSourceSettings missingColumn = tableSettings(table, 10);
        JdbcSourceSettings duplicateLabels = new JdbcSourceSettings(url(), user(), password(), Optional.empty(),
                Optional.of("SELECT id, created AS updated_at, 'x' AS tag, 'y' AS tag FROM " + table), "updated_at", "id",
                10);
        JdbcSourceSettings missingTable = tableSettings(newTable("absent"), 10);

        // When read, then each says what is wrong
        try (JdbcReader reader = new JdbcReader(missingColumn)) {
            assertThatThrownBy(() -> reader.read(Optional.empty())).hasMessageContaining("updated_at");
        }
        try (JdbcReader reader = new JdbcReader(duplicateLabels)) {
            // PostgreSQL runs it and the reader refuses the labels; MariaDB refuses the derived table itself
            assertThatThrownBy(() -> reader.read(Optional.empty())).hasMessageContaining("tag");
        }
        try (JdbcReader reader = new JdbcReader(missingTable)) {
            assertThatThrownBy(() -> reader.read(Optional.empty()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("JDBC source")
                    .hasMessageContaining(missingTable.table().orElseThrow());
        }
        try (JdbcReader reader = new JdbcReader(tableSettings(eventsTable(), 10))) {
            assertThatThrownBy(() -> reader.read(Optional.of("{\"watermark\":1}")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position: watermark");
        }
    }
}
