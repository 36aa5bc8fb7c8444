package dev.flywheel.contracts.spec;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A target with a date: {@code {metric: average_precision, atLeast: 0.65, by: 2026-12-31}}.
 *
 * @param target the bound: a minimum for metrics where higher is better, a maximum for the others
 * @param by     the last day (UTC) by which the target must hold
 */
public record BusinessGoal(GoalMetric metric, double target, LocalDate by) {

    public BusinessGoal {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(by, "by");
    }

    /** Whether {@code value} meets the target; NaN (not measured) never does. */
    public boolean isMet(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return metric.higherIsBetter() ? value >= target : value <= target;
    }

    /** {@code average_precision >= 0.65 by 2026-12-31}. */
    public String describe() {
        return metric.keyword() + (metric.higherIsBetter() ? " >= " : " <= ") + target + " by " + by;
    }
}
