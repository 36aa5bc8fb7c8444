package dev.flywheel.training.eda;

import java.util.Locale;
import java.util.Set;

/**
 * The statement-type check in front of the read-only database: accepts exactly one statement whose first
 * keyword reads ({@code SELECT}, {@code WITH}, {@code FROM}, ...), ignoring comments and the insides of
 * quotes. The database itself is the second line: the snapshot is opened read-only, without external access,
 * with its configuration locked ({@link SqlSnapshot}).
 */
final class ReadOnlySql {

    static final Set<String> READS = Set.of("SELECT", "WITH", "FROM", "VALUES", "TABLE", "DESCRIBE", "SHOW",
            "SUMMARIZE", "EXPLAIN", "PIVOT", "UNPIVOT");

    private ReadOnlySql() {
    }

    /** @throws SqlRefusedException naming what was refused and why */
    static void check(String sql) throws SqlRefusedException {
        if (sql == null || sql.isBlank()) {
            throw new SqlRefusedException("sql is empty; send one read-only statement such as SELECT count(*) FROM data");
        }
        String first = null;
        int statements = 0;
        boolean inStatement = false;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = skipTo(sql, i, "\n");
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipTo(sql, i + 2, "*/");
            } else if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c);
                inStatement = true;
            } else if (c == ';') {
                inStatement = false;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                if (!inStatement) {
                    statements++;
                    inStatement = true;
                    if (statements > 1) {
                        throw new SqlRefusedException("sql holds more than one statement; send one read-only"
                                + " statement");
                    }
                    int end = i;
                    while (end < n && Character.isLetter(sql.charAt(end))) {
                        end++;
                    }
                    first = sql.substring(i, end).toUpperCase(Locale.ROOT);
                    i = Math.max(end, i + 1);
                } else {
                    i++;
                }
            }
        }
        if (first == null) {
            throw new SqlRefusedException("sql holds only comments; send one read-only statement");
        }
        if (!READS.contains(first)) {
            throw new SqlRefusedException("only read-only queries are allowed (" + String.join(", ",
                    READS.stream().sorted().toList()) + "); '" + (first.isEmpty() ? sql.strip() : first)
                    + "' statements are refused: the dataset snapshot is read-only");
        }
    }

    private static int skipTo(String sql, int from, String end) {
        int at = sql.indexOf(end, from);
        return at < 0 ? sql.length() : at + end.length();
    }

    /** Past the closing quote; a doubled quote inside is an escaped one. */
    private static int skipQuoted(String sql, int from, char quote) {
        int i = from + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }
}
