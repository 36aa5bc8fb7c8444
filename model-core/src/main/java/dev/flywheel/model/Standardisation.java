package dev.flywheel.model;

import java.util.Arrays;

/**
 * Per-feature centring and scaling, {@code (x - mean) / std}, fitted on the training slice only so that
 * nothing of the held-out data leaks into the model. A constant feature gets std 1 (it becomes 0).
 */
public record Standardisation(double[] means, double[] stds) {

    public Standardisation {
        if (means.length != stds.length) {
            throw new IllegalArgumentException("means and stds differ in length: " + means.length + " vs " + stds.length);
        }
        means = means.clone();
        stds = stds.clone();
        for (int i = 0; i < stds.length; i++) {
            if (!(stds[i] > 0) || !Double.isFinite(stds[i]) || !Double.isFinite(means[i])) {
                throw new IllegalArgumentException("feature " + i + ": mean " + means[i] + " and std " + stds[i]
                        + " must be finite and std > 0");
            }
        }
    }

    /** Mean and (population) standard deviation of each column. */
    public static Standardisation fit(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a standardisation on no rows");
        }
        int width = rows[0].length;
        double[] means = new double[width];
        double[] m2 = new double[width];
        // Welford's update: one pass, and no catastrophic cancellation on large amounts.
        for (int n = 0; n < rows.length; n++) {
            for (int j = 0; j < width; j++) {
                double delta = rows[n][j] - means[j];
                means[j] += delta / (n + 1);
                m2[j] += delta * (rows[n][j] - means[j]);
            }
        }
        double[] stds = new double[width];
        for (int j = 0; j < width; j++) {
            double std = Math.sqrt(m2[j] / rows.length);
            stds[j] = std > 1e-12 ? std : 1.0;
        }
        return new Standardisation(means, stds);
    }

    public int width() {
        return means.length;
    }

    /** Writes the standardised {@code row} into {@code target} from {@code offset} on. */
    public void applyTo(double[] row, float[] target, int offset) {
        if (row.length != means.length) {
            throw new IllegalArgumentException("expected " + means.length + " features but got " + row.length);
        }
        for (int j = 0; j < row.length; j++) {
            target[offset + j] = (float) ((row[j] - means[j]) / stds[j]);
        }
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] stds() {
        return stds.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Standardisation that && Arrays.equals(means, that.means)
                && Arrays.equals(stds, that.stds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(stds);
    }

    @Override
    public String toString() {
        return "Standardisation[means=" + Arrays.toString(means) + ", stds=" + Arrays.toString(stds) + "]";
    }
}
