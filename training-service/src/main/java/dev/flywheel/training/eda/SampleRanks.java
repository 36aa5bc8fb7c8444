package dev.flywheel.training.eda;

import java.util.Arrays;

/** Mid-ranks (ties share the average of their ranks, as pandas and scipy) of the sampled rows. */
final class SampleRanks {

    private SampleRanks() {
    }

    /**
     * Ranks of {@code values} over the rows where {@code other} is present too (every row when null), walking
     * {@code order} (the rows with a value, ascending by it); NaN for the rows left out.
     */
    static double[] within(int[] order, double[] values, double[] other) {
        double[] ranks = new double[values.length];
        Arrays.fill(ranks, Double.NaN);
        int[] kept = new int[order.length];
        int n = 0;
        for (int row : order) {
            if (other == null || !Double.isNaN(other[row])) {
                kept[n++] = row;
            }
        }
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && values[kept[end]] == values[kept[start]]) {
                end++;
            }
            double rank = (start + 1 + end) / 2.0; // ranks start+1 .. end, averaged
            for (int k = start; k < end; k++) {
                ranks[kept[k]] = rank;
            }
            start = end;
        }
        return ranks;
    }

    /** The two rank arrays at the rows where both are defined. */
    static double[][] compact(double[] x, double[] y) {
        double[] a = new double[x.length];
        double[] b = new double[x.length];
        int n = 0;
        for (int r = 0; r < x.length; r++) {
            if (!Double.isNaN(x[r]) && !Double.isNaN(y[r])) {
                a[n] = x[r];
                b[n] = y[r];
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(a, n), Arrays.copyOf(b, n)};
    }
}
