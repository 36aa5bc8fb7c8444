package dev.flywheel.training.eda;

import java.util.Arrays;

/**
 * The {@code k} smallest and {@code k} largest values of a stream (with repeats), kept sorted in two small
 * arrays: outlier examples and box-plot whiskers for columns too long to keep.
 */
final class Extremes {

    private final double[] smallest;
    private final double[] largest;
    private int size;

    Extremes(int k) {
        smallest = new double[k];
        largest = new double[k];
    }

    void add(double value) {
        int k = smallest.length;
        if (k == 0) {
            return;
        }
        if (size < k) {
            insertAscending(smallest, size, value);
            insertAscending(largest, size, value);
            size++;
            return;
        }
        if (value < smallest[k - 1]) {
            insertAscending(smallest, k - 1, value);
        }
        if (value > largest[0]) {
            // drop the smallest of the largest: shift left, insert in order
            System.arraycopy(largest, 1, largest, 0, k - 1);
            insertAscending(largest, k - 1, value);
        }
    }

    /** Inserts into the first {@code used} sorted cells, the last cell receiving the overflow. */
    private static void insertAscending(double[] values, int used, double value) {
        int at = used;
        while (at > 0 && values[at - 1] > value) {
            values[at] = values[at - 1];
            at--;
        }
        values[at] = value;
    }

    /** Ascending. */
    double[] smallest() {
        return Arrays.copyOf(smallest, size);
    }

    /** Ascending. */
    double[] largest() {
        return Arrays.copyOf(largest, size);
    }
}
