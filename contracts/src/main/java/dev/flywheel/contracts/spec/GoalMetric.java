package dev.flywheel.contracts.spec;

import java.util.Locale;

/** What a business goal measures on live data, which direction is better, and the range of its values. */
public enum GoalMetric implements SpecKeyword {
    /** Live average precision of the served version over its joined outcomes. */
    AVERAGE_PRECISION(true, true),
    ROC_AUC(true, true),
    F1(true, true),
    /** The 99th percentile of the served predictions' latency inside the inference service, in milliseconds. */
    SERVING_P99_LATENCY_MS(false, false),
    /** The share of predictions whose label has arrived, among those old enough to have one. */
    LABEL_COVERAGE(true, true),
    /** Days since the served version was promoted: a retrain-frequency goal. */
    MODEL_AGE_DAYS(false, false),
    /**
     * Realised net value per day of the served version: its decisions' value minus doing nothing's on the same
     * outcomes, minus its running cost (money; negative when the model loses money: its ROI is negative).
     */
    VALUE_PER_DAY(true, false);

    private final boolean higherIsBetter;
    private final boolean unitInterval;

    GoalMetric(boolean higherIsBetter, boolean unitInterval) {
        this.higherIsBetter = higherIsBetter;
        this.unitInterval = unitInterval;
    }

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether values lie in [0, 1]. */
    public boolean unitInterval() {
        return unitInterval;
    }

    /** Whether a value may be negative (only money may). */
    public boolean signed() {
        return this == VALUE_PER_DAY;
    }
}
