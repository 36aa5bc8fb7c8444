package dev.flywheel.ingest.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.flywheel.ingest.source.pull.PullBatch;

/**
 * {@link JdbcReader} against a real MariaDB server (the Debian package, which {@code ./flywheel test} installs),
 * through the MariaDB driver that also serves MySQL; and what happens when the server goes away mid-way.
 */
class MariaDbJdbcReaderTest extends JdbcReaderContract {

    private static EmbeddedMariaDb mariadb;

    @BeforeAll
    static void startMariaDb() throws Exception {
        mariadb = EmbeddedMariaDb.start();
        try (Connection connection = mariadb.connect("mysql"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE flywheel");
        }
    }

    @AfterAll
    static void stopMariaDb() throws IOException {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Override
    String url() {
        return mariadb.url("flywheel");
    }

    @Override
    Connection admin() throws SQLException {
        return mariadb.connect("flywheel");
    }

    @Override
    String timestampType() {
        return "DATETIME(6)";
    }

    @Override
    String binaryType() {
        return "VARBINARY(16)";
    }

    @Test
    void aTimestampColumnIsReadAsStoredInUtcWhateverTheServerZone() throws Exception {
        // Given a TIMESTAMP column (stored in UTC, shown in the session's zone) on a server whose zone is not UTC
        String table = newTable("stamped");
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("SET GLOBAL time_zone = '+05:00'");
            statement.execute("SET time_zone = '+00:00'");
            statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, updated_at TIMESTAMP(6) NOT NULL)");
            statement.execute("INSERT INTO " + table + " VALUES (1, '2024-01-31 10:15:30.123456'), "
                    + "(2, '2024-01-31 10:15:30.123456'), (3, '2024-01-31 10:15:31')");
        }
        try {
            // When it is read one row at a time, each from the previous position
            List<PullBatch> batches;
            try (JdbcReader reader = new JdbcReader(tableSettings(table, 1))) {
                batches = readAll(reader, Optional.empty());
            }

            // Then the instants are the stored UTC ones and every row comes once
            assertThat(ids(batches, "id")).containsExactly(1L, 2L, 3L);
            assertThat(batches.get(2).records().get(0).get("updated_at").asText())
                    .isEqualTo("2024-01-31T10:15:31.000000Z");
        } finally {
            try (Connection connection = admin(); Statement statement = connection.createStatement()) {
                statement.execute("SET GLOBAL time_zone = 'SYSTEM'");
            }
        }
    }

    @Test
    void aServerGoneMidWaySurfacesAnErrorAndReadingResumesWhereItStoppedOnceItIsBack() throws Exception {
        // Given a reader that has read the first batch of five rows
        String table = eventsTable();
        for (long id = 1; id <= 5; id++) {
            insertEvent(table, id, id <= 3 ? T1 : T2);
        }
        try (JdbcReader reader = new JdbcReader(tableSettings(table, 2))) {
            PullBatch first = reader.read(Optional.empty());
            assertThat(ids(List.of(first), "id")).containsExactly(1L, 2L);

            // When the server stops, then the next read fails, naming the source
            mariadb.stop();
            assertThatThrownBy(() -> reader.read(first.position()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("JDBC source jdbc:mariadb://");

            // When it is back and more rows arrived, then the same reader resumes after the last row it returned
            mariadb.startServer();
            insertEvent(table, 6, T2);
            List<PullBatch> rest = readAll(reader, first.position());
            assertThat(ids(rest, "id")).containsExactly(3L, 4L, 5L, 6L);
        }
    }

    @Test
    void aServerRestartedBetweenReadsDoesNotFailTheNextRead() throws Exception {
        // Given a reader whose connection is open after a first read
        String table = eventsTable();
        for (long id = 1; id <= 4; id++) {
            insertEvent(table, id, T1);
        }
        try (JdbcReader reader = new JdbcReader(tableSettings(table, 2))) {
            PullBatch first = reader.read(Optional.empty());

            // When the server restarts before the next read
            mariadb.stop();
            mariadb.startServer();

            // Then the read reconnects on its own and continues after the position
            PullBatch second = reader.read(first.position());
            assertThat(ids(List.of(first, second), "id")).containsExactly(1L, 2L, 3L, 4L);
        }
    }
}
