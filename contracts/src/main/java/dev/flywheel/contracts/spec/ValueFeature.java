package dev.flywheel.contracts.spec;

import java.util.Objects;

/** A numeric or boolean event field, taken as it is. */
public record ValueFeature(String name, String field) implements FeatureDef {

    public ValueFeature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(field, "field");
    }
}
