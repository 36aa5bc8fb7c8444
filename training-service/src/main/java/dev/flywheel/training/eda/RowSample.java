package dev.flywheel.training.eda;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniform sample of at most {@code capacity} rows of a stream (reservoir sampling, Vitter's algorithm R),
 * seeded so a profile is reproducible. While the stream is no longer than the capacity it holds every row.
 */
final class RowSample {

    private final int capacity;
    private final SplittableRandom random;
    private final List<double[]> rows = new ArrayList<>();
    private long seen;

    RowSample(int capacity, long seed) {
        this.capacity = capacity;
        this.random = new SplittableRandom(seed);
    }

    void add(double[] row) {
        seen++;
        if (rows.size() < capacity) {
            rows.add(row.clone());
            return;
        }
        long slot = random.nextLong(seen);
        if (slot < capacity) {
            System.arraycopy(row, 0, rows.get((int) slot), 0, row.length);
        }
    }

    List<double[]> rows() {
        return rows;
    }

    /** Whether the sample holds every row seen. */
    boolean isComplete() {
        return seen <= capacity;
    }

    long seen() {
        return seen;
    }
}
