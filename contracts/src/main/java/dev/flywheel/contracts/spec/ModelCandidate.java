package dev.flywheel.contracts.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One model the training service fits and compares.
 *
 * @param params hyper-parameters, free-form: {@link String}, {@link Boolean}, {@link Integer} (or
 *               {@link Long} when large), {@link Double}, or an unmodifiable {@link java.util.List} of these
 * @param search what tuning tries for the params not fixed in {@code params}; empty: trained once with {@code params}
 */
public record ModelCandidate(String name, ModelType type, Map<String, Object> params, Optional<SearchSpace> search) {

    public ModelCandidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Objects.requireNonNull(search, "search");
    }

    /** A candidate without a search space. */
    public ModelCandidate(String name, ModelType type, Map<String, Object> params) {
        this(name, type, params, Optional.empty());
    }
}
