package dev.flywheel.contracts.metric;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.flywheel.contracts.spec.Metric;
import dev.flywheel.contracts.spec.ModelSpec;
import dev.flywheel.contracts.spec.ModelTask;

/**
 * The value of a spec's {@link Metric} for scores and labels: the one entry point training-service (holdout
 * evaluation, {@code ModelRegistered.metrics()}) and monitor-service (live quality) share, so a baseline and
 * its live counterpart are the same computation.
 */
public final class MetricScores {

    private MetricScores() {
    }

    /**
     * @param scores    binary: probabilities of the positive class; regression: predicted values
     * @param labels    binary: 0 or 1; regression: true values
     * @param threshold binary: a score {@code >= threshold} is a positive decision (used by {@link Metric#F1});
     *                  ignored otherwise
     * @return the metric; NaN when it is undefined for this data (see {@link BinaryMetrics})
     * @throws IllegalArgumentException for {@link Metric#CARD_PRECISION_AT_K}, which needs each sample's card
     *                                  and day: call {@link BinaryMetrics#cardPrecisionAtK} directly
     */
    public static double of(Metric metric, double[] scores, double[] labels, double threshold) {
        return switch (metric) {
            case AVERAGE_PRECISION -> BinaryMetrics.averagePrecision(scores, labels);
            case ROC_AUC -> BinaryMetrics.rocAuc(scores, labels);
            case LOG_LOSS -> BinaryMetrics.logLoss(scores, labels);
            case F1 -> BinaryMetrics.f1(scores, labels, threshold);
            case CARD_PRECISION_AT_K -> throw new IllegalArgumentException(
                    "card_precision_at_k needs the card and day of each sample: use BinaryMetrics.cardPrecisionAtK");
            case RMSE -> RegressionMetrics.rmse(scores, labels);
            case MAE -> RegressionMetrics.mae(scores, labels);
        };
    }

    /** Whether {@link #of} can compute the metric from scores and labels alone. */
    public static boolean needsOnlyScoresAndLabels(Metric metric) {
        return metric != Metric.CARD_PRECISION_AT_K;
    }

    /** Key of the Brier score in {@link #all}. */
    public static final String BRIER_SCORE = "brier_score";
    /** Key of the precision at the threshold in {@link #all}. */
    public static final String PRECISION = "precision";
    /** Key of the recall at the threshold in {@link #all}. */
    public static final String RECALL = "recall";
    /** Key of the coefficient of determination in {@link #all}. */
    public static final String R2 = "r2";

    /** Key of {@link BinaryMetrics#precisionAtK} in {@link #all}: {@code precision_at_100} for k = 100. */
    public static String precisionAtKKey(int k) {
        return "precision_at_" + k;
    }

    /** {@link #all(ModelTask, double[], double[], double, int)} with k = {@link ModelSpec#DEFAULT_TOP_K}. */
    public static Map<String, Double> all(ModelTask task, double[] scores, double[] labels, double threshold) {
        return all(task, scores, labels, threshold, ModelSpec.DEFAULT_TOP_K);
    }

    /**
     * The held-out evaluation of a task, keyed in this order: every {@link Metric} of the task that needs only
     * scores and labels, by {@link Metric#keyword()} (what specs select and {@code ModelRegistered.metrics()}
     * carries), then the ones no spec selects but a report shows: binary {@value #BRIER_SCORE},
     * {@value #PRECISION} and {@value #RECALL} at {@code threshold}, {@link #precisionAtKKey precision_at_k};
     * regression {@value #R2}.
     *
     * @param k binary: how many top-scored samples {@code precision_at_k} looks at
     */
    public static Map<String, Double> all(ModelTask task, double[] scores, double[] labels, double threshold, int k) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Metric metric : Metric.forTask(task)) {
            if (needsOnlyScoresAndLabels(metric)) {
                values.put(metric.keyword(), of(metric, scores, labels, threshold));
            }
        }
        if (task == ModelTask.BINARY_CLASSIFICATION) {
            ConfusionCounts counts = ConfusionCounts.at(scores, labels, threshold);
            values.put(BRIER_SCORE, BinaryMetrics.brierScore(scores, labels));
            values.put(PRECISION, counts.precision());
            values.put(RECALL, counts.recall());
            values.put(precisionAtKKey(k), BinaryMetrics.precisionAtK(scores, labels, k));
        } else {
            values.put(R2, RegressionMetrics.r2(scores, labels));
        }
        return values;
    }
}
