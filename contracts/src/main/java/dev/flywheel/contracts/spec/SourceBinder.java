package dev.flywheel.contracts.spec;

import java.util.List;
import java.util.Optional;

/** Binds the {@code sources} section of a spec into {@link SourceSpec}s. */
final class SourceBinder {

    private final ValueReader values;

    SourceBinder(ValueReader values) {
        this.values = values;
    }

    Optional<List<SourceSpec>> bind(YamlNode node) {
        return Optional.of(List.of());
    }
}
