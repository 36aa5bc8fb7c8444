package dev.flywheel.contracts.spec;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * When live model quality is bad enough to act on.
 *
 * @param minimum             absolute floor, for metrics where higher is better
 * @param maximum             absolute ceiling, for metrics where lower is better
 * @param maxDropFromBaseline tolerated degradation relative to the model's offline (holdout) score, as a
 *                            fraction: 0.2 accepts a live average precision down to 80 % of the baseline, or
 *                            an RMSE up to 120 % of it
 */
public record AccuracyPolicy(Metric metric, OptionalDouble minimum, OptionalDouble maximum,
                             double maxDropFromBaseline) {

    public static final double DEFAULT_MAX_DROP = 0.2;

    public AccuracyPolicy {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(minimum, "minimum");
        Objects.requireNonNull(maximum, "maximum");
    }

    /** Whether a live score passes both the absolute bound and the drop from the baseline; NaN baseline: unknown, not checked. */
    public boolean isAcceptable(double live, double baseline) {
        if (metric.higherIsBetter()) {
            boolean aboveFloor = minimum.isEmpty() || live >= minimum.getAsDouble();
            boolean nearBaseline = Double.isNaN(baseline) || live >= baseline * (1 - maxDropFromBaseline);
            return aboveFloor && nearBaseline;
        }
        boolean belowCeiling = maximum.isEmpty() || live <= maximum.getAsDouble();
        boolean nearBaseline = Double.isNaN(baseline) || live <= baseline * (1 + maxDropFromBaseline);
        return belowCeiling && nearBaseline;
    }
}
