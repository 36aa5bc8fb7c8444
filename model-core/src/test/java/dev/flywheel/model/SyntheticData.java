package dev.flywheel.model;

import java.util.Random;

/**
 * Rare positives that a model can learn: a positive is far out on {@code x0 + x1}, with some label noise.
 * The last column is on an amount-like scale, so standardisation matters.
 */
final class SyntheticData {

    private SyntheticData() {
    }

    static LabelledMatrix separable(int rows, long seed) {
        Random random = new Random(seed);
        double[][] features = new double[rows][];
        double[] labels = new double[rows];
        for (int i = 0; i < rows; i++) {
            double x0 = random.nextGaussian();
            double x1 = random.nextGaussian();
            double noise = random.nextGaussian();
            double amount = 50 + 40 * Math.abs(random.nextGaussian());
            boolean positive = x0 + x1 + 0.3 * noise > 2.6;
            if (positive) {
                amount *= 1.3;
            }
            features[i] = new double[] {x0, x1, noise, amount};
            labels[i] = positive ? 1 : 0;
        }
        return new LabelledMatrix(features, labels);
    }

    static double positiveRate(LabelledMatrix data) {
        return data.positives() / (double) data.size();
    }
}
