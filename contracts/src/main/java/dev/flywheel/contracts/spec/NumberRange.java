package dev.flywheel.contracts.spec;

import java.math.BigDecimal;

/**
 * The allowed range of a numeric spec value, with the wording of its error message.
 * A {@code null} bound means unbounded on that side.
 */
record NumberRange(BigDecimal lower, boolean lowerInclusive, BigDecimal upper, boolean upperInclusive) {

    static final NumberRange ANY = new NumberRange(null, false, null, false);

    static NumberRange atLeast(long lower) {
        return new NumberRange(BigDecimal.valueOf(lower), true, null, false);
    }

    static NumberRange above(long lower) {
        return new NumberRange(BigDecimal.valueOf(lower), false, null, false);
    }

    static NumberRange closed(long lower, long upper) {
        return new NumberRange(BigDecimal.valueOf(lower), true, BigDecimal.valueOf(upper), true);
    }

    static NumberRange open(long lower, long upper) {
        return new NumberRange(BigDecimal.valueOf(lower), false, BigDecimal.valueOf(upper), false);
    }

    /** Lower bound excluded, upper included: {@code (0, 1]}. */
    static NumberRange aboveUpTo(long lower, long upper) {
        return new NumberRange(BigDecimal.valueOf(lower), false, BigDecimal.valueOf(upper), true);
    }

    boolean contains(BigDecimal value) {
        boolean aboveLower = lower == null
                || (lowerInclusive ? value.compareTo(lower) >= 0 : value.compareTo(lower) > 0);
        boolean belowUpper = upper == null
                || (upperInclusive ? value.compareTo(upper) <= 0 : value.compareTo(upper) < 0);
        return aboveLower && belowUpper;
    }

    /** "must be > 0", "must be between 0 and 1 (exclusive)", ... */
    String requirement() {
        if (lower != null && upper != null) {
            String ends = lowerInclusive && upperInclusive ? "" : !lowerInclusive && !upperInclusive ? " (exclusive)"
                    : lowerInclusive ? " (" + upper.toPlainString() + " excluded)" : " (" + lower.toPlainString() + " excluded)";
            return "must be between " + lower.toPlainString() + " and " + upper.toPlainString() + ends;
        }
        if (lower != null) {
            return "must be " + (lowerInclusive ? ">= " : "> ") + lower.toPlainString();
        }
        if (upper != null) {
            return "must be " + (upperInclusive ? "<= " : "< ") + upper.toPlainString();
        }
        return "any number";
    }
}
