package dev.flywheel.model;

import java.io.IOException;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import dev.flywheel.contracts.spec.ModelTask;

/**
 * A {@link Scorer} over an xgboost {@link Booster}, shared by all threads (in-place prediction on a loaded
 * booster is thread-safe; no DMatrix per call). The score is {@code sigmoid(margin - ln(positiveWeight))}:
 * the booster's raw margin with the class-weight shift taken out (prior correction), which equals
 * xgboost's own probability when the weight is 1. A regression booster ({@code reg:squarederror}, identity link)
 * scores its margin: the predicted value.
 */
final class BoosterScorer implements Scorer {

    private static final int[] ALL_TREES = {0, 0};

    private final Booster booster;
    private final int width;
    private final double marginShift;
    private final boolean probability;
    private final InFlightRelease release;

    private BoosterScorer(Booster booster, int width, double positiveWeight, ModelTask task) {
        this.booster = booster;
        this.width = width;
        this.marginShift = Math.log(positiveWeight);
        this.probability = task == ModelTask.BINARY_CLASSIFICATION;
        this.release = new InFlightRelease(booster::dispose);
    }

    static BoosterScorer load(byte[] model, int width, double positiveWeight, ModelTask task) {
        if (!(positiveWeight > 0) || !Double.isFinite(positiveWeight)) {
            throw new IllegalArgumentException("positiveWeight must be > 0 but was " + positiveWeight);
        }
        try {
            Booster booster = XGBoost.loadModel(model);
            long features = booster.getNumFeature();
            if (features != width) {
                booster.dispose();
                throw new IllegalArgumentException("the booster takes " + features + " features but the metadata names "
                        + width);
            }
            return new BoosterScorer(booster, width, positiveWeight, task);
        } catch (XGBoostError | IOException e) {
            throw new IllegalStateException("cannot read the xgboost model: " + e.getMessage(), e);
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public double score(double[] features) {
        return scoreBatch(new double[][] {features})[0];
    }

    @Override
    public double[] scoreBatch(double[][] rows) {
        if (rows.length == 0) {
            return new double[0];
        }
        float[] values = flatten(rows, width);
        float[][] margins = release.call(() -> margins(values, rows.length));
        double[] probabilities = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            probabilities[i] = probability ? 1.0 / (1.0 + Math.exp(-(margins[i][0] - marginShift))) : margins[i][0];
        }
        return probabilities;
    }

    private float[][] margins(float[] values, int rows) {
        try {
            return booster.inplace_predict(values, rows, width, Float.NaN, ALL_TREES, Booster.PredictionType.kMargin,
                    null);
        } catch (XGBoostError e) {
            throw new IllegalStateException("prediction failed: " + e.getMessage(), e);
        }
    }

    /** Rows packed row-major as floats, each checked for its width. */
    static float[] flatten(double[][] rows, int width) {
        float[] values = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException("expected " + width + " features but got " + rows[i].length);
            }
            for (int j = 0; j < width; j++) {
                values[i * width + j] = (float) rows[i][j];
            }
        }
        return values;
    }

    @Override
    public boolean isClosed() {
        return release.isClosed();
    }

    @Override
    public void close() {
        release.close();
    }
}
