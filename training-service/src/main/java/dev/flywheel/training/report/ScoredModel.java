package dev.flywheel.training.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flywheel.contracts.metric.BinaryCurves;
import dev.flywheel.contracts.metric.ConfusionCounts;
import dev.flywheel.contracts.metric.CurvePoint;
import dev.flywheel.contracts.metric.MetricScores;
import dev.flywheel.contracts.spec.ModelTask;

/**
 * One model judged on a run's held-out slice, as the run report shows it: every metric, and for binary
 * classification the confusion matrix at the threshold and its ROC and precision-recall curves; for regression the
 * predicted-vs-actual points instead. Consumes the model's scores and the labels; the
 * computations are contracts' {@link MetricScores} and {@link BinaryCurves}, the ones every service shares.
 *
 * @param role    {@code winner} or {@code champion}
 * @param metrics by keyword, as {@link MetricScores#all(ModelTask, double[], double[], double, int)}
 * @param confusion         binary: at the threshold; null for regression
 * @param roc               thinned to what a chart shows (see {@link #thin}); empty without both classes, and for
 *                          regression
 * @param predictedVsActual regression: up to {@value #SCATTER_POINTS} held-out rows, x the true value and y the
 *                          prediction, spread evenly over the slice; empty for binary classification
 */
public record ScoredModel(String role, String version, String candidate, Map<String, Double> metrics,
                          ConfusionCounts confusion, List<CurvePoint> roc, List<CurvePoint> precisionRecall,
                          List<CurvePoint> predictedVsActual) {

    /** Points a predicted-vs-actual chart draws at most: enough to show the spread, small enough for the page. */
    static final int SCATTER_POINTS = 400;

    /** A kept point moves at least this far from the previous one on either axis: ~500 points a curve at most. */
    static final double CURVE_STEP = 1.0 / 250;

    public ScoredModel {
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        roc = List.copyOf(roc);
        precisionRecall = List.copyOf(precisionRecall);
        predictedVsActual = predictedVsActual == null ? List.of() : List.copyOf(predictedVsActual);
    }

    /** A binary classifier judged. */
    public static ScoredModel of(String role, String version, String candidate, double[] scores, double[] labels,
                                 double threshold, int k) {
        return of(role, version, candidate, scores, labels, threshold, k, ModelTask.BINARY_CLASSIFICATION);
    }

    /** A model of {@code task} judged: its scores are probabilities (binary) or predicted values (regression). */
    public static ScoredModel of(String role, String version, String candidate, double[] scores, double[] labels,
                                 double threshold, int k, ModelTask task) {
        if (task == ModelTask.REGRESSION) {
            return new ScoredModel(role, version, candidate, MetricScores.all(task, scores, labels, threshold, k), null,
                    List.of(), List.of(), scatter(scores, labels));
        }
        BinaryCurves curves = BinaryCurves.of(scores, labels);
        return new ScoredModel(role, version, candidate,
                MetricScores.all(ModelTask.BINARY_CLASSIFICATION, scores, labels, threshold, k),
                ConfusionCounts.at(scores, labels, threshold), thin(curves.roc()), thin(curves.precisionRecall()),
                List.of());
    }

    /** Whether this is a regression model's judgement (predicted-vs-actual points, no curves). */
    public boolean isRegression() {
        return confusion == null;
    }

    /** Every row when few, else rows at an even stride: the held-out slice is in time order, so all of it shows. */
    static List<CurvePoint> scatter(double[] predictions, double[] labels) {
        int stride = Math.max(1, (int) Math.ceil(labels.length / (double) SCATTER_POINTS));
        List<CurvePoint> points = new ArrayList<>();
        for (int i = 0; i < labels.length; i += stride) {
            points.add(new CurvePoint(labels[i], predictions[i], null));
        }
        return points;
    }

    /**
     * The points a chart needs: the first and last, and each point at least {@link #CURVE_STEP} away from the
     * last kept one on either axis. A held-out slice of 200,000 distinct scores would otherwise put 200,000
     * points in the page and in {@code report.json} for a line a few hundred pixels long.
     */
    static List<CurvePoint> thin(List<CurvePoint> points) {
        if (points.size() <= 2) {
            return points;
        }
        List<CurvePoint> kept = new ArrayList<>();
        CurvePoint last = points.get(0);
        kept.add(last);
        for (int i = 1; i < points.size() - 1; i++) {
            CurvePoint point = points.get(i);
            if (Math.abs(point.x() - last.x()) >= CURVE_STEP || Math.abs(point.y() - last.y()) >= CURVE_STEP) {
                kept.add(point);
                last = point;
            }
        }
        kept.add(points.get(points.size() - 1));
        return kept;
    }
}
