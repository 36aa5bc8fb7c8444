package dev.flywheel.training.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.spec.RetrainingPolicy;

/**
 * Whether a drift verdict starts a retraining: the spec must ask for it ({@code onAccuracyDrop} for an
 * ACCURACY verdict, {@code onDrift} for DATA and CONCEPT), no run of the pipeline may be in progress, and the
 * cooldown since the last retraining started by monitoring must have passed, so one lasting drift does not
 * retrain on every check.
 */
public final class DriftGate {

    private DriftGate() {
    }

    /** What happened to a drift verdict; the keyword tags the metric. */
    public enum Verdict {
        RETRAIN, DISABLED, RUNNING, COOLDOWN;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Decision(Verdict verdict, String reason) {
    }

    /**
     * @param lastMonitoringRun when the last retraining started by monitoring was requested, if any
     */
    public static Decision decide(DriftDetected drift, RetrainingPolicy policy, Optional<Instant> lastMonitoringRun,
                                  boolean running, Instant now) {
        String what = drift.kind() + " drift on " + drift.metric() + " (" + drift.observed() + " vs threshold "
                + drift.threshold() + ")";
        boolean wanted = drift.kind() == DriftDetected.Kind.ACCURACY ? policy.onAccuracyDrop() : policy.onDrift();
        if (!wanted) {
            return new Decision(Verdict.DISABLED, what + ": the spec does not retrain on "
                    + (drift.kind() == DriftDetected.Kind.ACCURACY ? "an accuracy drop" : "drift"));
        }
        if (running) {
            return new Decision(Verdict.RUNNING, what + ": a training of the pipeline is already in progress");
        }
        if (lastMonitoringRun.isPresent()) {
            Instant allowedFrom = lastMonitoringRun.get().plus(policy.cooldown());
            if (now.isBefore(allowedFrom)) {
                return new Decision(Verdict.COOLDOWN, what + ": within the " + policy.cooldown()
                        + " cooldown since the retraining of " + lastMonitoringRun.get() + "; next possible at "
                        + allowedFrom);
            }
        }
        return new Decision(Verdict.RETRAIN, what);
    }
}
