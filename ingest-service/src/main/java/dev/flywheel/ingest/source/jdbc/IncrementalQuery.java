package dev.flywheel.ingest.source.jdbc;

/**
 * The SQL text of one batch read: the source (a quoted table, or the query wrapped as a subquery) ordered by
 * watermark then key, after a position or from the start, at most one batch of rows.
 */
record IncrementalQuery(String first, String after) {

    static IncrementalQuery of(JdbcSourceSettings settings) {
        Dialect dialect = settings.dialect();
        String source = settings.table()
                .map(table -> quoteQualified(dialect, table))
                .orElseGet(() -> "(" + settings.query().orElseThrow() + ") AS flywheel_source");
        String wm = dialect.quote(settings.watermarkColumn());
        String key = dialect.quote(settings.keyColumn());
        String select = "SELECT * FROM " + source + " WHERE " + wm + " IS NOT NULL AND " + key + " IS NOT NULL";
        String order = " ORDER BY " + wm + ", " + key + " LIMIT " + settings.batchSize();
        // Same rows as "wm > ? OR (wm = ? AND key > ?)"; the leading "wm >= ?" gives both planners a range
        // on the watermark, so an index on (wm, key) serves the read instead of a scan.
        String after = select + " AND " + wm + " >= ? AND (" + wm + " > ? OR " + key + " > ?)" + order;
        return new IncrementalQuery(select + order, after);
    }

    private static String quoteQualified(Dialect dialect, String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? dialect.quote(table)
                : dialect.quote(table.substring(0, dot)) + "." + dialect.quote(table.substring(dot + 1));
    }
}
