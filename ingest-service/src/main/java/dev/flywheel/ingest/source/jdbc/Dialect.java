package dev.flywheel.ingest.source.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Properties;

/**
 * What differs between the databases a JDBC source reads: how identifiers are quoted, the driver's
 * timeout properties and how a session is prepared. Chosen from the JDBC URL's scheme.
 */
enum Dialect {

    POSTGRESQL("jdbc:postgresql:") {
        @Override
        String quote(String identifier) {
            return '"' + identifier + '"';
        }

        @Override
        void addTimeouts(Properties properties) {
            // The PostgreSQL driver counts these in seconds.
            properties.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT_SECONDS));
            properties.setProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT_SECONDS));
        }

        @Override
        void prepareSession(Connection connection) throws SQLException {
            // With auto-commit off, read-only makes the driver open each transaction with BEGIN READ ONLY.
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TIME ZONE 'UTC'");
            }
        }

        @Override
        void bindOther(PreparedStatement statement, int index, String text) throws SQLException {
            // Sent untyped, so the server reads it as the column's type (uuid, enum, ...), not as varchar.
            statement.setObject(index, text, Types.OTHER);
        }
    },

    MARIADB("jdbc:mariadb:") {
        @Override
        String quote(String identifier) {
            return '`' + identifier + '`';
        }

        @Override
        void addTimeouts(Properties properties) {
            // The MariaDB driver counts these in milliseconds.
            properties.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT_SECONDS * 1000));
            properties.setProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT_SECONDS * 1000));
        }

        @Override
        void prepareSession(Connection connection) throws SQLException {
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement()) {
                // TIMESTAMP columns are converted to the session's zone: UTC makes them read as stored.
                statement.execute("SET time_zone = '+00:00'");
                statement.execute("SET SESSION TRANSACTION READ ONLY");
            }
        }

        @Override
        void bindOther(PreparedStatement statement, int index, String text) throws SQLException {
            statement.setString(index, text);
        }
    };

    /** How long opening a connection may take. */
    static final long CONNECT_TIMEOUT_SECONDS = 10;
    /** How long one batch query may run before the server is asked to cancel it. */
    static final int QUERY_TIMEOUT_SECONDS = 30;
    /** How long the driver waits on a silent socket (a server gone without closing the connection). */
    static final long SOCKET_TIMEOUT_SECONDS = 60;

    private final String scheme;

    Dialect(String scheme) {
        this.scheme = scheme;
    }

    abstract String quote(String identifier);

    abstract void addTimeouts(Properties properties);

    /** Called once per new connection, after auto-commit is switched off. */
    abstract void prepareSession(Connection connection) throws SQLException;

    /** Binds a position value of a type the reader does not know (uuid, enum, ...), kept as its text. */
    abstract void bindOther(PreparedStatement statement, int index, String text) throws SQLException;

    /** The dialect of a JDBC URL, or {@code null} when no supported scheme matches. */
    static Dialect of(String url) {
        for (Dialect dialect : values()) {
            if (url.startsWith(dialect.scheme)) {
                return dialect;
            }
        }
        return null;
    }
}
