package dev.flywheel.model;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * How every family reads a spec candidate's free-form params ({@link TrainingParams}, {@link XGBoostParams}): the
 * same checks and the same error wording, naming the key and the value.
 */
final class CandidateParams {

    private CandidateParams() {
    }

    /**
     * Refuses keys the family does not know, naming them all and the allowed ones.
     *
     * @param refused keys of {@code allowed} that this candidate may not use after all (e.g. {@code hidden} of a
     *                logistic regression)
     */
    static void requireKnown(Map<String, Object> params, Set<String> allowed, Set<String> refused, String family) {
        Set<String> unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(allowed);
        refused.stream().filter(params::containsKey).forEach(unknown::add);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown params " + unknown + " for " + family + "; allowed: "
                    + new TreeSet<>(allowed));
        }
    }

    static int integer(Object value, String key) {
        if (value instanceof Integer || value instanceof Long) {
            return Math.toIntExact(((Number) value).longValue());
        }
        throw new IllegalArgumentException(key + " must be a whole number but was " + value);
    }

    static double number(Object value, String key) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException(key + " must be a number but was " + value);
    }

    /** {@code balanced} (empty: negatives ÷ positives, worked out on the data) or a number. */
    static OptionalDouble positiveWeight(Object value) {
        if ("balanced".equals(value)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(number(value, "positiveWeight"));
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
