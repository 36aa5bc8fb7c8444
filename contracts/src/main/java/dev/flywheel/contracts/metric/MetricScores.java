package dev.flywheel.contracts.metric;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.flywheel.contracts.spec.Metric;
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

    /**
     * Every metric of a task that needs only scores and labels, keyed by {@link Metric#keyword()} in
     * declaration order: the shape of {@code ModelRegistered.metrics()}.
     */
    public static Map<String, Double> all(ModelTask task, double[] scores, double[] labels, double threshold) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Metric metric : Metric.forTask(task)) {
            if (needsOnlyScoresAndLabels(metric)) {
                values.put(metric.keyword(), of(metric, scores, labels, threshold));
            }
        }
        return values;
    }
}
