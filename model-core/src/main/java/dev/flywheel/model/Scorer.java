package dev.flywheel.model;

/**
 * Scores raw feature vectors (in the order of the model's feature names) with the probability of the
 * positive class. Thread-safe: any number of threads may score at once.
 *
 * <p>{@link #close()} frees the native memory. It may be called while other threads are still scoring:
 * those calls finish normally, the memory is freed after the last one, and calls that start after
 * {@code close} fail with {@link IllegalStateException}.
 */
public interface Scorer extends AutoCloseable {

    /** Number of features a row must have. */
    int width();

    /** The probability that {@code features} belong to the positive class. */
    double score(double[] features);

    /**
     * One probability per row. By default row by row, which is all a scorer without a batched engine call can do;
     * scorers whose engine scores many rows in one call (networks, boosters, ONNX) override it.
     */
    default double[] scoreBatch(double[][] rows) {
        double[] scores = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            scores[i] = score(rows[i]);
        }
        return scores;
    }

    /** Whether {@link #close()} was called. */
    boolean isClosed();

    @Override
    void close();
}
