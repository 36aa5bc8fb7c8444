package dev.flywheel.contracts.spec;

import java.util.Optional;

/** Binds the {@code validation} section of a spec into a {@link ValidationSpec}. */
final class ValidationBinder {

    private final ValueReader values;

    ValidationBinder(ValueReader values) {
        this.values = values;
    }

    Optional<ValidationSpec> bind(YamlNode node) {
        return values.mapping(node, java.util.List.of()).map(read -> ValidationSpec.NONE);
    }
}
