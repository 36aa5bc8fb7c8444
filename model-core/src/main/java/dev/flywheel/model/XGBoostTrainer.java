package dev.flywheel.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import dev.flywheel.contracts.spec.ModelTask;

/**
 * Trains gradient-boosted trees for binary classification or regression with xgboost4j (the native library comes from
 * its jar; OpenMP from the system's libgomp).
 *
 * <p>Choices:
 * <ul>
 *   <li>raw feature values: trees split on thresholds, so no standardisation;</li>
 *   <li>class imbalance: {@code scale_pos_weight}, by default negatives / positives (balanced). As for the
 *       networks, the weight shifts the learnt margin by about {@code ln(weight)}; the scorer subtracts it
 *       (prior correction, {@link BoosterScorer}), so scores stay probability estimates and the spec's
 *       threshold keeps its meaning;</li>
 *   <li>regression: {@code reg:squarederror} (xgboost's default regression objective), no class weight; the
 *       margin is then the predicted value itself;</li>
 *   <li>one round at a time ({@code Booster.update}), so progress counts trees and reports the training
 *       log loss;</li>
 *   <li>{@code hist} tree method, {@code nthread} from the params (1 by default: a small, shared machine),
 *       seeded sampling: same data and params give the same model;</li>
 *   <li>saved as UBJSON ({@value XGBoostFamily#MODEL_FILE}), xgboost's own portable format.</li>
 * </ul>
 */
final class XGBoostTrainer {

    private XGBoostTrainer() {
    }

    static TrainedBooster train(LabelledMatrix data, XGBoostParams params, TrainingProgress progress) {
        int rows = data.size();
        int positives = data.positives();
        if (data.isRegression()) {
            if (rows == 0) {
                throw new IllegalArgumentException("training needs rows, got none");
            }
        } else if (rows == 0 || positives == 0 || positives == rows) {
            throw new IllegalArgumentException("training needs both classes, got " + positives + " positives in "
                    + rows + " rows");
        }
        long started = System.nanoTime();
        double positiveWeight = data.isRegression() ? 1
                : params.positiveWeight().orElse((rows - positives) / (double) positives);
        DMatrix train = null;
        Booster booster = null;
        try {
            train = matrix(data);
            booster = XGBoost.train(train, boosterParams(params, positiveWeight, data.task()), 0, Map.of(), null, null);
            double loss = Double.NaN;
            DMatrix[] evaluated = {train};
            String[] names = {"train"};
            for (int round = 0; round < params.rounds(); round++) {
                booster.update(train, round);
                loss = lastValue(booster.evalSet(evaluated, names, round));
                progress.onStep(round + 1, params.rounds(), round + 1, loss);
            }
            byte[] model = booster.toByteArray(XGBoostFamily.FORMAT);
            return new TrainedBooster(model, data.width(), params, data.task(), positiveWeight, loss,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost training failed: " + e.getMessage(), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (train != null) {
                train.dispose();
            }
        }
    }

    static Map<String, Object> boosterParams(XGBoostParams params, double positiveWeight, ModelTask task) {
        boolean regression = task == ModelTask.REGRESSION;
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("objective", regression ? "reg:squarederror" : "binary:logistic");
        map.put("eval_metric", regression ? "rmse" : "logloss");
        map.put("tree_method", "hist");
        map.put("max_depth", params.maxDepth());
        map.put("eta", params.eta());
        map.put("subsample", params.subsample());
        map.put("colsample_bytree", params.colsampleByTree());
        map.put("min_child_weight", params.minChildWeight());
        if (!regression) {
            map.put("scale_pos_weight", positiveWeight);
        }
        map.put("nthread", params.threads());
        map.put("seed", params.seed());
        map.put("verbosity", 0);
        return map;
    }

    /** The training rows as one dense float matrix; NaN marks a missing value, as xgboost expects. */
    static DMatrix matrix(LabelledMatrix data) throws XGBoostError {
        DMatrix matrix = new DMatrix(BoosterScorer.flatten(data.rows(), data.width()), data.size(), data.width(),
                Float.NaN);
        float[] labels = new float[data.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (float) data.labels()[i];
        }
        matrix.setLabel(labels);
        return matrix;
    }

    /** {@code [3]\ttrain-logloss:0.1234} gives 0.1234. */
    private static double lastValue(String evaluation) {
        int colon = evaluation.lastIndexOf(':');
        try {
            return colon < 0 ? Double.NaN : Double.parseDouble(evaluation.substring(colon + 1).strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
