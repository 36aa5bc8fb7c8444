package dev.flywheel.training.eda;

import java.util.List;

/**
 * The answer to a query over a dataset snapshot.
 *
 * @param rows      at most the row limit, each a list of JSON-ready values (numbers, strings, booleans, null)
 * @param truncated more rows were available than the limit
 */
public record SqlResult(List<Column> columns, List<List<Object>> rows, boolean truncated, long snapshotRows,
                        long millis) {

    public SqlResult {
        columns = List.copyOf(columns);
    }

    /** A column of the answer and its DuckDB type. */
    public record Column(String name, String type) {
    }
}
