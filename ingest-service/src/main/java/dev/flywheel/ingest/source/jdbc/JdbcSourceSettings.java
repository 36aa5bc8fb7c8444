package dev.flywheel.ingest.source.jdbc;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how a JDBC source reads: a table or a query, ordered by a watermark column and a tie-break key.
 *
 * @param url             {@code jdbc:postgresql://...} or {@code jdbc:mariadb://...} (the MariaDB driver also
 *                        speaks to MySQL servers)
 * @param user            the database user
 * @param password        its password ({@code null} taken as empty)
 * @param table           the table to read, {@code name} or {@code schema.name}; exactly one of table / query
 * @param query           a SELECT whose rows are read; it is wrapped as a subquery, so it must not end with
 *                        {@code ;} and its column labels must be unique
 * @param watermarkColumn the column that only grows for new or changed rows (a commit time, a sequence)
 * @param keyColumn       a column unique among rows of equal watermark, breaking ties
 * @param batchSize       the most rows one read returns
 */
public record JdbcSourceSettings(String url, String user, String password, Optional<String> table,
        Optional<String> query, String watermarkColumn, String keyColumn, int batchSize) {

    /** A plain identifier: quoted as it is, so it needs no escaping in either database (both allow 63+). */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public JdbcSourceSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url: must not be blank");
        }
        if (url.startsWith("jdbc:mysql:")) {
            throw new IllegalArgumentException("url: '" + scheme(url) + "' is MySQL Connector/J's scheme, which "
                    + "Flywheel does not ship (GPL); use jdbc:mariadb://host:port/db, the MariaDB driver speaks to MySQL");
        }
        if (Dialect.of(url) == null) {
            throw new IllegalArgumentException("url: '" + scheme(url) + "' is not supported; expected "
                    + "jdbc:postgresql://host:port/db or jdbc:mariadb://host:port/db (MariaDB and MySQL)");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user: must not be blank");
        }
        password = Objects.requireNonNullElse(password, "");
        table = Objects.requireNonNullElse(table, Optional.empty());
        query = Objects.requireNonNullElse(query, Optional.empty());
        if (table.isPresent() == query.isPresent()) {
            throw new IllegalArgumentException("table, query: give exactly one of them (got "
                    + (table.isPresent() ? "both" : "neither") + ")");
        }
        table.ifPresent(JdbcSourceSettings::requireTableName);
        query.ifPresent(JdbcSourceSettings::requireQuery);
        requireIdentifier("watermarkColumn", watermarkColumn);
        requireIdentifier("keyColumn", keyColumn);
        if (watermarkColumn.equals(keyColumn)) {
            throw new IllegalArgumentException("keyColumn: must differ from watermarkColumn '" + watermarkColumn
                    + "' (the key breaks ties between rows of equal watermark)");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize: must be greater than 0 but was " + batchSize);
        }
    }

    /** The database the URL points at. */
    Dialect dialect() {
        return Dialect.of(url);
    }

    /** The URL without its parameters, which may hold a password: for messages and logs. */
    String redactedUrl() {
        int parameters = url.indexOf('?');
        return parameters < 0 ? url : url.substring(0, parameters) + "?...";
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "JdbcSourceSettings[url=" + redactedUrl() + ", user=" + user + ", password=***, table=" + table
                + ", query=" + query + ", watermarkColumn=" + watermarkColumn + ", keyColumn=" + keyColumn
                + ", batchSize=" + batchSize + "]";
    }

    private static String scheme(String url) {
        int end = url.indexOf("//");
        return end < 0 ? url : url.substring(0, end);
    }

    private static void requireTableName(String table) {
        String[] parts = table.split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("table: '" + table + "' must be name or schema.name");
        }
        for (String part : parts) {
            if (!IDENTIFIER.matcher(part).matches()) {
                throw new IllegalArgumentException("table: '" + table + "' must be name or schema.name, each a plain "
                        + "identifier (letters, digits, _; not starting with a digit; at most 63 characters)");
            }
        }
    }

    private static void requireQuery(String query) {
        if (query.isBlank()) {
            throw new IllegalArgumentException("query: must not be blank");
        }
        if (query.strip().endsWith(";")) {
            throw new IllegalArgumentException("query: must not end with ';' (it is wrapped as a subquery)");
        }
    }

    private static void requireIdentifier(String field, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a plain identifier (letters, "
                    + "digits, _; not starting with a digit; at most 63 characters)");
        }
    }
}
