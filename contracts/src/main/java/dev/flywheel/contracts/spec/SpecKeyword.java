package dev.flywheel.contracts.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An enum constant as it is written in a spec file ({@code label_rate}, {@code binary_classification}).
 * JSON uses the same spelling, so a spec served over HTTP reads like its YAML.
 */
public interface SpecKeyword {

    @JsonValue
    String keyword();
}
