package dev.flywheel.training.eda;

import java.util.List;

/**
 * A correlation matrix over the numeric columns (the label included), pairwise-complete: each entry uses the
 * rows where both columns are present; null where undefined (a constant column, fewer than 2 shared rows).
 *
 * @param method  {@code pearson} or {@code spearman}
 * @param rows    rows the matrix was computed on
 * @param sampled true when computed on a uniform sample of the rows rather than all of them
 */
public record Correlations(String method, List<String> columns, Double[][] matrix, long rows, boolean sampled) {

    public Correlations {
        columns = List.copyOf(columns);
    }
}
