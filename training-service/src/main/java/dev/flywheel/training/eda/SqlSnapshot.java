package dev.flywheel.training.eda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

import dev.flywheel.training.dataset.LabelledRow;

/**
 * A dataset written once into a DuckDB file in its own temporary folder, as table {@code data}, and then
 * queried read-only: each query opens the file with {@code access_mode=READ_ONLY}, turns off external access
 * (no files, no network, no extensions), caps threads and memory and locks that configuration, before the
 * statement (already checked by {@link ReadOnlySql}) runs under a time limit and a row limit. Closing it
 * deletes the folder.
 */
public final class SqlSnapshot implements AutoCloseable {

    static final String TABLE = "data";

    private final Path folder;
    private final Path database;
    private final long rows;

    private SqlSnapshot(Path folder, Path database, long rows) {
        this.folder = folder;
        this.database = database;
        this.rows = rows;
    }

    /**
     * A pipeline's examples: {@code event_id}, {@code event_time} (UTC timestamp), one DOUBLE column per
     * feature (NULL where missing), and the label.
     */
    public static SqlSnapshot ofExamples(List<String> featureNames, String label, List<LabelledRow> examples)
            throws SQLException, IOException {
        Path folder = Files.createTempDirectory("flywheel-sql-");
        Path database = folder.resolve("snapshot.duckdb");
        try (DuckDBConnection connection = open(database, false); Statement statement = connection.createStatement()) {
            StringBuilder ddl = new StringBuilder("CREATE TABLE " + TABLE + " (event_id VARCHAR, event_time TIMESTAMP");
            for (String name : featureNames) {
                ddl.append(", ").append(identifier(name)).append(" DOUBLE");
            }
            ddl.append(", ").append(identifier(label)).append(" DOUBLE)");
            statement.execute(ddl.toString());
            try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE)) {
                for (LabelledRow example : examples) {
                    appender.beginRow();
                    appender.append(example.eventId());
                    if (example.eventTime() == null) {
                        appender.appendNull();
                    } else {
                        appender.append(example.eventTime().atOffset(ZoneOffset.UTC).toLocalDateTime());
                    }
                    for (double value : example.features()) {
                        appendDouble(appender, value);
                    }
                    appendDouble(appender, example.label());
                    appender.endRow();
                }
            }
        } catch (SQLException | RuntimeException e) {
            delete(folder);
            throw e;
        }
        return new SqlSnapshot(folder, database, examples.size());
    }

    /** An uploaded CSV with a header row; DuckDB's CSV sniffer chooses the column types. */
    public static SqlSnapshot ofCsv(InputStream csv) throws SQLException, IOException {
        Path folder = Files.createTempDirectory("flywheel-sql-");
        Path database = folder.resolve("snapshot.duckdb");
        Path file = folder.resolve("upload.csv");
        try {
            Files.copy(csv, file, StandardCopyOption.REPLACE_EXISTING);
            long rows;
            try (DuckDBConnection connection = open(database, false);
                 Statement statement = connection.createStatement()) {
                // Our own temporary path, not user input; quoted as a SQL string literal all the same.
                statement.execute("CREATE TABLE " + TABLE + " AS SELECT * FROM read_csv("
                        + "'" + file.toString().replace("'", "''") + "', header = true)");
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + TABLE)) {
                    count.next();
                    rows = count.getLong(1);
                }
            }
            Files.delete(file);
            return new SqlSnapshot(folder, database, rows);
        } catch (SQLException | IOException | RuntimeException e) {
            delete(folder);
            throw e;
        }
    }

    public long rows() {
        return rows;
    }

    Path folderForTest() {
        return folder;
    }

    /**
     * Runs one read-only statement.
     *
     * @throws SqlRefusedException when it is not one read-only query, the database refuses it, or it runs
     *                             longer than {@code timeout}
     */
    public SqlResult query(String sql, Duration timeout, int maxRows) throws SqlRefusedException {
        ReadOnlySql.check(sql);
        return queryUnchecked(sql, timeout, maxRows);
    }

    /** The database's own guard alone, without the statement-type check: for the test that it holds. */
    SqlResult queryUnchecked(String sql, Duration timeout, int maxRows) throws SqlRefusedException {
        long started = System.nanoTime();
        try (DuckDBConnection connection = open(database, true)) {
            lockDown(connection);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
                statement.setMaxRows(maxRows + 1);
                boolean hasResult = statement.execute();
                List<SqlResult.Column> columns = new ArrayList<>();
                List<List<Object>> answer = new ArrayList<>();
                boolean truncated = false;
                if (hasResult) {
                    try (ResultSet result = statement.getResultSet()) {
                        ResultSetMetaData meta = result.getMetaData();
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            columns.add(new SqlResult.Column(meta.getColumnLabel(c), meta.getColumnTypeName(c)));
                        }
                        while (result.next()) {
                            if (answer.size() == maxRows) {
                                truncated = true;
                                break;
                            }
                            List<Object> row = new ArrayList<>(columns.size());
                            for (int c = 1; c <= columns.size(); c++) {
                                row.add(jsonValue(result.getObject(c)));
                            }
                            answer.add(row);
                        }
                    }
                }
                return new SqlResult(columns, answer, truncated, rows, (System.nanoTime() - started) / 1_000_000);
            }
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (message.toLowerCase(Locale.ROOT).contains("interrupt")) {
                throw new SqlRefusedException("the query ran longer than the time limit of " + timeout
                        + " and was stopped", e);
            }
            throw new SqlRefusedException("the query failed: " + message, e);
        }
    }

    /** Settings first, then the lock: afterwards no statement can change them back. */
    private static void lockDown(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET threads = 1");
            statement.execute("SET memory_limit = '256MB'");
            statement.execute("SET enable_external_access = false");
            statement.execute("SET autoinstall_known_extensions = false");
            statement.execute("SET autoload_known_extensions = false");
            statement.execute("SET lock_configuration = true");
        }
    }

    private static DuckDBConnection open(Path database, boolean readOnly) throws SQLException {
        Properties properties = new Properties();
        if (readOnly) {
            properties.setProperty(DuckDBDriver.DUCKDB_READONLY_PROPERTY, "true");
        }
        return (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:" + database, properties);
    }

    private static void appendDouble(DuckDBAppender appender, double value) throws SQLException {
        if (Double.isFinite(value)) {
            appender.append(value);
        } else {
            appender.appendNull();
        }
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static Object jsonValue(Object value) {
        if (value == null || value instanceof Boolean || value instanceof String || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return value;
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? f.doubleValue() : null;
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Timestamp timestamp) {
            // TIMESTAMP has no zone (the examples' event times are UTC): ISO-8601 without an offset
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(timestamp.toLocalDateTime());
        }
        return value.toString();
    }

    @Override
    public void close() {
        delete(folder);
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary folder is not worth failing a query over
        }
    }
}
