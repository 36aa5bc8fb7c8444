package dev.flywheel.contracts.spec;

import java.util.Objects;

/**
 * Data drift: a feature has drifted when its {@code test} says so against {@code threshold} (for {@code auto},
 * against the chosen test's own threshold); the data set has drifted when at least {@code driftShare} of the
 * features have.
 */
public record DriftPolicy(DriftTest test, double threshold, double driftShare) {

    public static final double DEFAULT_DRIFT_SHARE = 0.5;

    public DriftPolicy {
        Objects.requireNonNull(test, "test");
    }

    public DriftPolicy(DriftTest test, double threshold) {
        this(test, threshold, DEFAULT_DRIFT_SHARE);
    }
}
