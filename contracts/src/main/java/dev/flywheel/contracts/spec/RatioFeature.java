package dev.flywheel.contracts.spec;

import java.util.Objects;

/**
 * {@code numerator / denominator}, each the name of a feature declared before this one or of a numeric
 * event field (a feature of that name wins). 0 when the denominator is 0.
 */
public record RatioFeature(String name, String numerator, String denominator) implements FeatureDef {

    public RatioFeature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
    }
}
