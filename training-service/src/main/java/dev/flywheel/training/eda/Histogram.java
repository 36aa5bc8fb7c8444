package dev.flywheel.training.eda;

/**
 * Counts in bins of equal width between a column's min and max: bin {@code i} holds
 * {@code edges[i] <= x < edges[i+1]}, the last bin also its right edge (numpy's convention).
 *
 * @param exact false when the counts are estimated from the quantile sketch
 */
public record Histogram(double[] edges, long[] counts, boolean exact) {
}
