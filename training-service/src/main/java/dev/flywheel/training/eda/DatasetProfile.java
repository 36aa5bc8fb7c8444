package dev.flywheel.training.eda;

import java.time.Instant;
import java.util.List;

/**
 * A profile of a dataset: one entry per column, the correlation matrices, collinear pairs, and the label's
 * balance and associations. What it was computed from and how is said in {@code source} and {@code notes}.
 *
 * @param source what was profiled, e.g. {@code pipeline card-fraud examples 2026-11-01T00:00Z..} or {@code upload}
 * @param label  null when the dataset has no label column
 */
public record DatasetProfile(String source, Instant computedAt, long rows, List<ColumnProfile> columns,
                             Correlations pearson, Correlations spearman, double collinearThreshold,
                             List<CollinearPair> collinearPairs, LabelProfile label, List<String> notes) {

    public DatasetProfile {
        columns = List.copyOf(columns);
        collinearPairs = List.copyOf(collinearPairs);
        notes = List.copyOf(notes);
    }
}
