package dev.flywheel.contracts.metric;

/**
 * Errors of numeric predictions, as {@code sklearn.metrics.root_mean_squared_error} and
 * {@code mean_absolute_error}. Plain loops rather than Commons Math: two sums do not justify a dependency
 * in {@code contracts}.
 */
public final class RegressionMetrics {

    private RegressionMetrics() {
    }

    /** Root mean squared error; NaN for no sample. */
    public static double rmse(double[] predictions, double[] labels) {
        check(predictions, labels);
        double sum = 0;
        for (int i = 0; i < predictions.length; i++) {
            double error = predictions[i] - labels[i];
            sum += error * error;
        }
        return Math.sqrt(sum / predictions.length);
    }

    /** Mean absolute error; NaN for no sample. */
    public static double mae(double[] predictions, double[] labels) {
        check(predictions, labels);
        double sum = 0;
        for (int i = 0; i < predictions.length; i++) {
            sum += Math.abs(predictions[i] - labels[i]);
        }
        return sum / predictions.length;
    }

    private static void check(double[] predictions, double[] labels) {
        if (predictions.length != labels.length) {
            throw new IllegalArgumentException("predictions and labels differ in length: " + predictions.length
                    + " vs " + labels.length);
        }
    }
}
