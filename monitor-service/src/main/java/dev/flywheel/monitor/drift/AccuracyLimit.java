package dev.flywheel.monitor.drift;

import dev.flywheel.contracts.spec.AccuracyPolicy;

/**
 * The strictest bound an {@link AccuracyPolicy} sets for a model with a given baseline: the higher of the
 * absolute floor and {@code baseline * (1 - maxDrop)} for higher-is-better metrics, the lower of the ceiling
 * and {@code baseline * (1 + maxDrop)} otherwise. A live value is acceptable exactly when it is on the right
 * side of it, so this is the "threshold" a {@code DriftDetected} reports.
 */
final class AccuracyLimit {

    private AccuracyLimit() {
    }

    /** The bound; NaN when the policy sets none (no absolute bound and no baseline known). */
    static double of(AccuracyPolicy policy, double baseline) {
        boolean knownBaseline = !Double.isNaN(baseline);
        if (policy.metric().higherIsBetter()) {
            double floor = policy.minimum().orElse(Double.NEGATIVE_INFINITY);
            double relative = knownBaseline ? baseline * (1 - policy.maxDropFromBaseline()) : Double.NEGATIVE_INFINITY;
            double limit = Math.max(floor, relative);
            return limit == Double.NEGATIVE_INFINITY ? Double.NaN : limit;
        }
        double ceiling = policy.maximum().orElse(Double.POSITIVE_INFINITY);
        double relative = knownBaseline ? baseline * (1 + policy.maxDropFromBaseline()) : Double.POSITIVE_INFINITY;
        double limit = Math.min(ceiling, relative);
        return limit == Double.POSITIVE_INFINITY ? Double.NaN : limit;
    }
}
