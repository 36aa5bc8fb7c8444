package dev.flywheel.training.eda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.flywheel.training.dataset.LabelledRow;

/**
 * SQL over a snapshot in a real DuckDB (the JDBC jar's bundled linux-x86_64 library, loaded offline): answers,
 * limits, and both guards against writes: the statement-type check, and the database itself when the check
 * is bypassed.
 */
class SqlSnapshotTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static SqlSnapshot snapshot;

    @BeforeAll
    static void snapshotOfExamples() throws Exception {
        // Given 1,000 examples, every 10th without tx_amount, every 4th positive
        List<LabelledRow> rows = new ArrayList<>();
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        for (int i = 0; i < 1000; i++) {
            rows.add(new LabelledRow("e" + i, start.plusSeconds(60L * i),
                    new double[] {i % 10 == 0 ? Double.NaN : i, i % 2}, i % 4 == 0 ? 1 : 0));
        }
        snapshot = SqlSnapshot.ofExamples(List.of("tx_amount", "tx_during_night"), "tx_fraud", rows);
    }

    @AfterAll
    static void close() {
        snapshot.close();
    }

    @Test
    void aQueryIsAnsweredWithColumnsAndRows() throws Exception {
        SqlResult result = snapshot.query("SELECT count(*) AS missing FROM data WHERE tx_amount IS NULL", LIMIT, 100);

        assertThat(result.columns()).containsExactly(new SqlResult.Column("missing", "BIGINT"));
        assertThat(result.rows()).containsExactly(List.of(100L));
        assertThat(result.truncated()).isFalse();
        assertThat(result.snapshotRows()).isEqualTo(1000);

        SqlResult byLabel = snapshot.query("""
                -- the positive rate by night flag; a ';' in a string is not a second statement
                SELECT tx_during_night, avg(tx_fraud) AS rate, ';' AS sep, min(event_time) AS first
                FROM data GROUP BY ALL ORDER BY 1""", LIMIT, 100);
        assertThat(byLabel.rows()).hasSize(2);
        assertThat(byLabel.rows().get(0)).startsWith(0.0, 0.5, ";");
        assertThat(byLabel.rows().get(0).get(3)).isEqualTo("2026-03-01T00:00:00");
    }

    @Test
    void theRowLimitTruncatesAndSaysSo() throws Exception {
        SqlResult result = snapshot.query("SELECT event_id FROM data ORDER BY event_time", LIMIT, 25);

        assertThat(result.rows()).hasSize(25);
        assertThat(result.truncated()).isTrue();
        assertThat(result.rows().get(0)).containsExactly("e0");
    }

    @Test
    void aQueryOverTheTimeLimitIsStopped() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> snapshot.query(
                "SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b", Duration.ofSeconds(1), 10))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessageContaining("longer than the time limit");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO data SELECT * FROM data",
        "update data set tx_fraud = 1",
        "DELETE FROM data",
        "CREATE TABLE copy AS SELECT * FROM data",
        "COPY data TO '/tmp/leak.csv'",
        "ATTACH '/tmp/other.duckdb' AS other",
        "INSTALL httpfs",
        "LOAD httpfs",
        "PRAGMA enable_profiling",
        "SET enable_external_access = true",
        "/* hidden */ DROP TABLE data",
        "SELECT 1; DROP TABLE data",
    })
    void writingStatementsAreRefusedByTheCheck(String sql) {
        assertThatThrownBy(() -> snapshot.query(sql, LIMIT, 10))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessageMatching("(only read-only queries are allowed .*statements are refused.*|"
                        + "sql holds more than one statement.*)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO data SELECT * FROM data",
        "DELETE FROM data",
        "CREATE TABLE copy AS SELECT * FROM data",
        "COPY data TO '/tmp/flywheel-eda-leak.csv'",
        "SELECT * FROM read_csv('/etc/passwd')",
        "ATTACH '/tmp/flywheel-eda-other.duckdb' AS other",
        "SET enable_external_access = true",
        "SET lock_configuration = false",
        "INSTALL httpfs",
    })
    void theDatabaseItselfRefusesWritesAndFilesWithoutTheCheck(String sql) {
        assertThatThrownBy(() -> snapshot.queryUnchecked(sql, LIMIT, 10))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessageStartingWith("the query failed:");
        assertThat(Path.of("/tmp/flywheel-eda-leak.csv")).doesNotExist();
        assertThat(Path.of("/tmp/flywheel-eda-other.duckdb")).doesNotExist();
    }

    @Test
    void theDataIsUnchangedAfterEveryAttempt() throws Exception {
        assertThat(snapshot.query("SELECT count(*) FROM data", LIMIT, 1).rows()).containsExactly(List.of(1000L));
    }

    @Test
    void anUploadedCsvBecomesTheDataTable() throws Exception {
        byte[] csv = "amount,merchant\n12.5,grocery\n,fuel\n3,grocery\n".getBytes(StandardCharsets.UTF_8);
        Path folder;
        try (SqlSnapshot upload = SqlSnapshot.ofCsv(new ByteArrayInputStream(csv))) {
            SqlResult result = upload.query("SELECT merchant, count(*) AS n, count(amount) AS amounts FROM data"
                    + " GROUP BY merchant ORDER BY merchant", LIMIT, 10);
            assertThat(result.rows()).containsExactly(List.of("fuel", 1L, 0L), List.of("grocery", 2L, 2L));
            assertThat(upload.rows()).isEqualTo(3);
            folder = upload.folderForTest();
        }
        assertThat(Files.exists(folder)).isFalse();
    }
}
