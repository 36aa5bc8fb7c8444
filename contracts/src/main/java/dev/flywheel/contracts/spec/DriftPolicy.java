package dev.flywheel.contracts.spec;

import java.util.Objects;

/** Data drift: a feature has drifted when its {@code test} statistic exceeds {@code threshold}. */
public record DriftPolicy(DriftTest test, double threshold) {

    public DriftPolicy {
        Objects.requireNonNull(test, "test");
    }
}
