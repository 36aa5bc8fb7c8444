package dev.flywheel.contracts.spec;

import java.util.List;
import java.util.Objects;

/**
 * One searched hyper-parameter of a candidate ({@code model.candidates[i].search.<param>}): a numeric range to
 * sample from, or a list of values to pick among.
 */
public sealed interface SearchDimension {

    /**
     * {@code {min: 1e-4, max: 1e-1, log: true}} or {@code {min: 3, max: 8, integer: true}}: both ends included.
     *
     * @param log     sampled uniformly in log space (for scales such as learning rates); needs {@code min > 0}
     * @param integer sampled as whole numbers; both ends are whole numbers
     */
    record Range(double min, double max, boolean log, boolean integer) implements SearchDimension {

        public Range {
            if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("min must be below max but was " + min + " and " + max);
            }
            if (log && min <= 0) {
                throw new IllegalArgumentException("a log range needs min > 0 but was " + min);
            }
            if (integer && (min != Math.rint(min) || max != Math.rint(max))) {
                throw new IllegalArgumentException("an integer range needs whole ends but was " + min + " and " + max);
            }
        }
    }

    /**
     * {@code [[16], [32, 16]]}: one of these values, each as {@link ModelCandidate#params()} holds values.
     */
    record Choice(List<Object> values) implements SearchDimension {

        public Choice {
            values = List.copyOf(Objects.requireNonNull(values, "values"));
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a choice needs at least one value");
            }
        }
    }
}
