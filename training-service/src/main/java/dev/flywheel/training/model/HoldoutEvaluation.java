package dev.flywheel.training.model;

import java.util.Map;

import dev.flywheel.contracts.metric.MetricScores;
import dev.flywheel.contracts.spec.Metric;
import dev.flywheel.contracts.spec.ModelSpec;
import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.model.LabelledMatrix;
import dev.flywheel.model.Scorer;

/**
 * Judges a model on the held-out later slice with the metrics every service shares
 * ({@link MetricScores}, checked against scikit-learn), so a holdout score and the monitor's live score
 * are the same computation.
 *
 * @param selection what ranks candidates and decides promotions
 * @param note      why {@code selection} differs from the spec's metric, or empty
 * @param topK      the k of precision@k: the cases a team can review (the spec's {@code model.topK})
 */
public record HoldoutEvaluation(Metric selection, double threshold, String note, int topK) {

    /** With the default k of precision@k. */
    public HoldoutEvaluation(Metric selection, double threshold, String note) {
        this(selection, threshold, note, ModelSpec.DEFAULT_TOP_K);
    }

    /**
     * The evaluation a spec asks for. {@code card_precision_at_k} needs each example's card and day,
     * which examples do not carry, so average precision stands in for it and the note says so.
     */
    public static HoldoutEvaluation of(ModelSpec spec) {
        double threshold = spec.threshold().orElse(ModelSpec.DEFAULT_THRESHOLD);
        if (MetricScores.needsOnlyScoresAndLabels(spec.metric())) {
            return new HoldoutEvaluation(spec.metric(), threshold, "", spec.topK());
        }
        return new HoldoutEvaluation(Metric.AVERAGE_PRECISION, threshold, spec.metric().keyword()
                + " needs each example's card and day, which examples do not carry; ranked by average_precision",
                spec.topK());
    }

    /**
     * Every metric of the task computable from scores and labels, by keyword: binary average_precision, roc_auc, ...;
     * regression rmse, mae, r2 (the selection metric's task decides).
     */
    public Map<String, Double> metrics(Scorer scorer, LabelledMatrix holdout) {
        return MetricScores.all(task(), scorer.scoreBatch(holdout.rows()), holdout.labels(), threshold, topK);
    }

    /** The task the selection metric judges. */
    public ModelTask task() {
        return selection.task();
    }

    /** The selection metric out of {@link #metrics}; NaN when it is undefined. */
    public double selectionScore(Map<String, Double> metrics) {
        return metrics.getOrDefault(selection.keyword(), Double.NaN);
    }

    /** Whether {@code a} is strictly better than {@code b}; NaN is never better, and anything beats NaN. */
    public boolean isBetter(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return selection.higherIsBetter() ? a > b : a < b;
    }
}
