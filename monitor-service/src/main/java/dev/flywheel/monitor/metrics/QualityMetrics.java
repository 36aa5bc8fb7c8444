package dev.flywheel.monitor.metrics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.flywheel.contracts.metric.MetricScores;
import dev.flywheel.contracts.spec.Metric;
import dev.flywheel.contracts.spec.ModelSpec;
import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.contracts.spec.PipelineSpec;

/**
 * Which metrics the monitor reports for a pipeline and how: average precision and ROC AUC (binary) or RMSE
 * and MAE (regression), plus the spec's accuracy metric, each computed by {@link MetricScores} as in training.
 * Card Precision@k is left out: an outcome does not carry the card, so it cannot be computed live.
 */
public record QualityMetrics(List<Metric> reported, double threshold) {

    public QualityMetrics {
        reported = List.copyOf(reported);
    }

    public static QualityMetrics of(PipelineSpec spec) {
        ModelTask task = spec.model().task();
        List<Metric> metrics = new ArrayList<>(task == ModelTask.BINARY_CLASSIFICATION
                ? List.of(Metric.AVERAGE_PRECISION, Metric.ROC_AUC)
                : List.of(Metric.RMSE, Metric.MAE));
        Metric accuracy = spec.monitoring().accuracy().metric();
        if (!metrics.contains(accuracy) && MetricScores.needsOnlyScoresAndLabels(accuracy)) {
            metrics.add(accuracy);
        }
        return new QualityMetrics(metrics, spec.model().threshold().orElse(ModelSpec.DEFAULT_THRESHOLD));
    }

    public double compute(Metric metric, OutcomeSample sample) {
        return MetricScores.of(metric, sample.scores(), sample.labels(), threshold);
    }

    /** Every reported metric over the sample; NaN where undefined (e.g. no positive yet). */
    public Map<Metric, Double> computeAll(OutcomeSample sample) {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        reported.forEach(metric -> values.put(metric, compute(metric, sample)));
        return values;
    }
}
