package dev.flywheel.contracts.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One model the training service fits and compares.
 *
 * @param params hyper-parameters, free-form: {@link String}, {@link Boolean}, {@link Integer} (or
 *               {@link Long} when large), {@link Double}, or an unmodifiable {@link java.util.List} of these
 */
public record ModelCandidate(String name, ModelType type, Map<String, Object> params) {

    public ModelCandidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
