package dev.flywheel.ingest.source.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.ingest.source.pull.PullBatch;
import dev.flywheel.ingest.source.pull.PullReader;

/**
 * Reads a PostgreSQL or MariaDB/MySQL table (or query) incrementally, by watermark and tie-break key.
 *
 * <p>Consumes {@link JdbcSourceSettings} and a position; produces one {@link PullBatch} per read: at most
 * {@code batchSize} rows after the position, ordered by {@code (watermark, key)}, each as a JSON object named
 * by column label (types as {@link RowConverter} says), and the {@code (watermark, key)} of the last row as the
 * new position (JSON, see {@link JdbcPosition}). The batch is {@code exhausted} when fewer rows than
 * {@code batchSize} came back. A read runs
 * <pre>SELECT * FROM source WHERE wm &gt; :wm OR (wm = :wm AND key &gt; :key) ORDER BY wm, key LIMIT n</pre>
 * (written with an extra {@code wm >= :wm} so an index on {@code (wm, key)} serves it); a query source is
 * wrapped as a subquery. Rows whose watermark or key is NULL are never read.
 *
 * <p><b>What the source must guarantee.</b> The pair {@code (watermark, key)} must be unique and must only
 * grow in the order rows become <em>visible</em> (committed). Reading by watermark has a classic pitfall:
 * a row whose watermark was taken when its transaction started (e.g. {@code DEFAULT now()} or
 * {@code CURRENT_TIMESTAMP}, a sequence value) but which commits after a read has already moved past that
 * watermark is skipped for good, because every later read starts after the position. Long transactions make
 * this likely. Assign the watermark so it is monotonic in commit order: e.g. write the rows from one writer
 * that commits in watermark order, stamp them in a short transaction after the data is committed (an
 * {@code updated_at} set by a follow-up update), or read from an append-only outbox filled in commit order.
 * For tables written by many concurrent long transactions use change data capture instead. No "settle lag"
 * (reading only rows older than {@code now() - lag}) is offered: it applies only to time watermarks, any lag is
 * a guess that a longer transaction still defeats, and it would hide the requirement rather than meet it.
 * With MariaDB/MySQL, a text key must be unique under its column's collation ({@code 'a' = 'A'} in the
 * default case-insensitive ones): prefer integer keys or a binary collation.
 *
 * <p><b>Connection.</b> One connection, opened on the first read and re-opened after a failure (a read on a
 * dead connection that was open before is retried once on a new one; the next failure is thrown, so the
 * runner backs off). Reads run in a read-only transaction committed after each batch, with a query timeout of
 * {@value Dialect#QUERY_TIMEOUT_SECONDS} s, and connect / socket timeouts of
 * {@value Dialect#CONNECT_TIMEOUT_SECONDS} s / {@value Dialect#SOCKET_TIMEOUT_SECONDS} s. Timestamps without
 * zone are taken as UTC; sessions run in UTC. Not thread-safe: one runner calls it.
 */
public final class JdbcReader implements PullReader {

    private final JdbcSourceSettings settings;
    private final Dialect dialect;
    private final IncrementalQuery sql;
    private Connection connection;

    public JdbcReader(JdbcSourceSettings settings) {
        this.settings = settings;
        this.dialect = settings.dialect();
        this.sql = IncrementalQuery.of(settings);
    }

    @Override
    public PullBatch read(Optional<String> position) throws SQLException {
        Optional<JdbcPosition> after = position.map(JdbcPosition::parse);
        boolean reused = connection != null;
        try {
            return readBatch(after);
        } catch (SQLException e) {
            closeConnection();
            if (reused && isConnectionLost(e)) {
                // The server may have restarted since the last read: one attempt on a fresh connection.
                try {
                    return readBatch(after);
                } catch (SQLException again) {
                    closeConnection();
                    throw failure(again);
                }
            }
            throw failure(e);
        } catch (RuntimeException e) {
            closeConnection();
            throw e;
        }
    }

    private PullBatch readBatch(Optional<JdbcPosition> after) throws SQLException {
        Connection open = connection();
        List<ObjectNode> records = new ArrayList<>();
        JdbcPosition last = null;
        try (PreparedStatement statement = open.prepareStatement(after.isPresent() ? sql.after() : sql.first())) {
            statement.setQueryTimeout(Dialect.QUERY_TIMEOUT_SECONDS);
            if (after.isPresent()) {
                JdbcPosition from = after.get();
                from.watermark().bind(statement, 1, dialect);
                from.watermark().bind(statement, 2, dialect);
                from.key().bind(statement, 3, dialect);
            }
            try (ResultSet rows = statement.executeQuery()) {
                RowConverter converter = new RowConverter(rows, settings.watermarkColumn(), settings.keyColumn());
                while (rows.next()) {
                    records.add(converter.record());
                    last = converter.position();
                }
            }
        }
        // Ends the read-only transaction, so no snapshot is held between reads (a failed read closes the
        // connection instead).
        open.commit();
        Optional<String> next = last == null ? Optional.empty() : Optional.of(last.toJson());
        return new PullBatch(records, next, records.size() < settings.batchSize());
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Properties properties = new Properties();
            properties.setProperty("user", settings.user());
            properties.setProperty("password", settings.password());
            dialect.addTimeouts(properties);
            Connection opened = DriverManager.getConnection(settings.url(), properties);
            try {
                opened.setAutoCommit(false);
                dialect.prepareSession(opened);
                opened.commit();
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
        }
        return connection;
    }

    private static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLRecoverableException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLTransientConnectionException || (state != null && state.startsWith("08"));
    }

    private SQLException failure(SQLException e) {
        String source = settings.table().map(table -> "table " + table).orElse("query");
        return new SQLException("JDBC source " + settings.redactedUrl() + " (" + source + "): read failed: " + e.getMessage(),
                e.getSQLState(), e.getErrorCode(), e);
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The connection is being dropped because it failed; closing it may fail the same way.
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
    }
}
