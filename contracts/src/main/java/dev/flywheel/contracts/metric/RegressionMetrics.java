package dev.flywheel.contracts.metric;

/**
 * Errors of numeric predictions, as {@code sklearn.metrics.root_mean_squared_error},
 * {@code mean_absolute_error} and {@code r2_score}. Plain loops rather than Commons Math: a few sums do not
 * justify a dependency in {@code contracts}.
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

    /**
     * Coefficient of determination, {@code 1 - SS_res / SS_tot}, as {@code sklearn.metrics.r2_score}: 1 is
     * perfect, 0 is no better than predicting the mean, negative is worse. With constant labels
     * ({@code SS_tot = 0}) it is 1 for perfect predictions and 0 otherwise, as scikit-learn's default
     * {@code force_finite=True}; NaN for fewer than two samples (scikit-learn: "not well-defined").
     */
    public static double r2(double[] predictions, double[] labels) {
        check(predictions, labels);
        if (labels.length < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (double label : labels) {
            mean += label;
        }
        mean /= labels.length;
        double residual = 0;
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            double error = labels[i] - predictions[i];
            double spread = labels[i] - mean;
            residual += error * error;
            total += spread * spread;
        }
        if (total == 0) {
            return residual == 0 ? 1.0 : 0.0;
        }
        return 1 - residual / total;
    }

    private static void check(double[] predictions, double[] labels) {
        if (predictions.length != labels.length) {
            throw new IllegalArgumentException("predictions and labels differ in length: " + predictions.length
                    + " vs " + labels.length);
        }
    }
}
