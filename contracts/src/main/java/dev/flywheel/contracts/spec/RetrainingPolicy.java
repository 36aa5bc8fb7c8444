package dev.flywheel.contracts.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * What monitoring findings start a retraining.
 *
 * @param cooldown minimum time between two retrainings that monitoring starts, so that one lasting drift
 *                 does not trigger a retraining per check
 */
public record RetrainingPolicy(boolean onDrift, boolean onAccuracyDrop, Duration cooldown) {

    public static final Duration DEFAULT_COOLDOWN = Duration.ofHours(1);

    public RetrainingPolicy {
        Objects.requireNonNull(cooldown, "cooldown");
    }
}
