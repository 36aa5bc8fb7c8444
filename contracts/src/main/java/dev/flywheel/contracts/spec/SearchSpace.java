package dev.flywheel.contracts.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A candidate's hyper-parameter search space ({@code model.candidates[i].search}): param name → what to try, in
 * the order of the file. The candidate's {@code params} hold what stays fixed; a param is in one or the other.
 * Whether the family accepts each name is the training service's check, as for {@code params}.
 */
public record SearchSpace(Map<String, SearchDimension> dimensions) {

    public SearchSpace {
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("a search space names at least one param");
        }
    }
}
