package dev.flywheel.model;

import java.time.Duration;

import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

import dev.flywheel.contracts.metric.RegressionMetrics;

/**
 * Fits {@code y = intercept + coefficients · x} by ordinary least squares on raw feature values (the fit is the
 * same whatever their scale, so no standardisation). Reports one step whose loss is the training RMSE.
 */
final class LinearTrainer {

    private LinearTrainer() {
    }

    /**
     * @throws IllegalArgumentException when the rows are not regression rows, too few to determine the
     *                                  coefficients, or the features are collinear (a constant or duplicated column)
     */
    static TrainedLinear train(LabelledMatrix data, TrainingProgress progress) {
        if (!data.isRegression()) {
            throw new IllegalArgumentException("linear_regression fits numeric labels, got " + data.task().keyword()
                    + " rows");
        }
        if (data.size() <= data.width() + 1) {
            throw new IllegalArgumentException("least squares needs more rows than coefficients: " + data.size()
                    + " rows for " + (data.width() + 1) + " coefficients");
        }
        long started = System.nanoTime();
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(data.labels(), data.rows());
        double[] beta;
        try {
            beta = ols.estimateRegressionParameters();
        } catch (SingularMatrixException e) {
            throw new IllegalArgumentException("least squares has no unique solution: the features are collinear"
                    + " (a constant column, or one a combination of others); drop it or enable cleaning", e);
        }
        double[] coefficients = new double[data.width()];
        System.arraycopy(beta, 1, coefficients, 0, coefficients.length);
        TrainedLinear model = new TrainedLinear(beta[0], coefficients, Duration.ofNanos(System.nanoTime() - started));
        double[] fitted = new LinearScorer(model.intercept(), coefficients).scoreBatch(data.rows());
        progress.onStep(1, 1, 1, RegressionMetrics.rmse(fitted, data.labels()));
        return model;
    }
}
