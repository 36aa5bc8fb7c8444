package dev.flywheel.contracts.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A model-quality metric: which task it judges, which direction is better, and its range. */
public enum Metric implements SpecKeyword {
    AVERAGE_PRECISION(ModelTask.BINARY_CLASSIFICATION, true, true),
    ROC_AUC(ModelTask.BINARY_CLASSIFICATION, true, true),
    LOG_LOSS(ModelTask.BINARY_CLASSIFICATION, false, false),
    /** F1 of the decisions taken at {@link ModelSpec#threshold()}. */
    F1(ModelTask.BINARY_CLASSIFICATION, true, true),
    /**
     * Card Precision@k of the Fraud Detection Handbook: per day, the share of truly compromised cards among
     * the k highest-scored cards (cards are the first entity), averaged over days; k is {@link ModelSpec#topK()}.
     */
    CARD_PRECISION_AT_K(ModelTask.BINARY_CLASSIFICATION, true, true),
    RMSE(ModelTask.REGRESSION, false, false),
    MAE(ModelTask.REGRESSION, false, false);

    private final ModelTask task;
    private final boolean higherIsBetter;
    private final boolean unitInterval;

    Metric(ModelTask task, boolean higherIsBetter, boolean unitInterval) {
        this.task = task;
        this.higherIsBetter = higherIsBetter;
        this.unitInterval = unitInterval;
    }

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ModelTask task() {
        return task;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether values lie in [0, 1]; otherwise they lie in [0, infinity). */
    public boolean unitInterval() {
        return unitInterval;
    }

    /** The metric a task uses when the spec names none. */
    public static Metric defaultFor(ModelTask task) {
        return task == ModelTask.BINARY_CLASSIFICATION ? AVERAGE_PRECISION : RMSE;
    }

    public static List<Metric> forTask(ModelTask task) {
        return Arrays.stream(values()).filter(metric -> metric.task == task).toList();
    }
}
