package dev.flywheel.monitor.metrics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flywheel.contracts.metric.MetricScores;
import dev.flywheel.contracts.metric.RegressionMetrics;
import dev.flywheel.contracts.spec.Metric;
import dev.flywheel.contracts.spec.ModelSpec;
import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.contracts.spec.PipelineSpec;

/**
 * Which metrics the monitor reports for a pipeline and how: average precision and ROC AUC (binary) or RMSE
 * and MAE (regression), plus the spec's accuracy metric, each computed by {@link MetricScores} as in training; a
 * regression also reports R² ({@value MetricScores#R2}, no spec selects it), as training's held-out evaluation does.
 * Card Precision@k is left out: an outcome does not carry the card, so it cannot be computed live.
 */
public record QualityMetrics(List<Metric> reported, double threshold, ModelTask task) {

    public QualityMetrics {
        reported = List.copyOf(reported);
    }

    /** Binary classification's. */
    public QualityMetrics(List<Metric> reported, double threshold) {
        this(reported, threshold, ModelTask.BINARY_CLASSIFICATION);
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
        return new QualityMetrics(metrics, spec.model().threshold().orElse(ModelSpec.DEFAULT_THRESHOLD), task);
    }

    public double compute(Metric metric, OutcomeSample sample) {
        return MetricScores.of(metric, sample.scores(), sample.labels(), threshold);
    }

    /** The keys {@link #computeFigures} gives: every reported metric's keyword, then R² for a regression. */
    public List<String> figureKeys() {
        List<String> keys = new ArrayList<>(reported.stream().map(Metric::keyword).toList());
        if (task == ModelTask.REGRESSION) {
            keys.add(MetricScores.R2);
        }
        return keys;
    }

    /** {@link #computeAll} by keyword, with R² for a regression; NaN where undefined. */
    public Map<String, Double> computeFigures(OutcomeSample sample) {
        Map<String, Double> figures = new LinkedHashMap<>();
        computeAll(sample).forEach((metric, value) -> figures.put(metric.keyword(), value));
        if (task == ModelTask.REGRESSION) {
            figures.put(MetricScores.R2, RegressionMetrics.r2(sample.scores(), sample.labels()));
        }
        return figures;
    }

    /** Every reported metric over the sample; NaN where undefined (e.g. no positive yet). */
    public Map<Metric, Double> computeAll(OutcomeSample sample) {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        reported.forEach(metric -> values.put(metric, compute(metric, sample)));
        return values;
    }
}
