package dev.flywheel.contracts.spec;

import java.util.Arrays;
import java.util.Optional;

/** The operators of a {@link FieldComparison}, as written in a rule's {@code check}. */
public enum ComparisonOperator {
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    EQUAL("=="),
    NOT_EQUAL("!=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code ==} and {@code !=}: the only operators that make sense for booleans. */
    public boolean isEquality() {
        return this == EQUAL || this == NOT_EQUAL;
    }

    /** Whether the operator holds for a {@link Comparable#compareTo} result. */
    public boolean holds(int comparison) {
        return switch (this) {
            case LESS -> comparison < 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER -> comparison > 0;
            case GREATER_OR_EQUAL -> comparison >= 0;
            case EQUAL -> comparison == 0;
            case NOT_EQUAL -> comparison != 0;
        };
    }

    static Optional<ComparisonOperator> ofSymbol(String symbol) {
        return Arrays.stream(values()).filter(operator -> operator.symbol.equals(symbol)).findFirst();
    }
}
