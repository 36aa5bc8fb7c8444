package dev.flywheel.contracts.spec;

/**
 * What one decision outcome is worth, in money, for a row: {@code fixed + perAmount * amount}, where the
 * amount is the row's value of {@link CostMatrix#amountField()}. A cost is a negative value.
 *
 * @param fixed     the part that does not depend on the row, e.g. {@code -6.67} for a 10-minute review at 40/h
 * @param perAmount how many times the row's amount is gained (positive) or lost (negative); 0 without an amount
 */
public record OutcomeValue(double fixed, double perAmount) {

    public static final OutcomeValue NOTHING = new OutcomeValue(0, 0);

    public OutcomeValue {
        if (!Double.isFinite(fixed) || !Double.isFinite(perAmount)) {
            throw new IllegalArgumentException("an outcome value must be finite: fixed " + fixed + ", perAmount "
                    + perAmount);
        }
    }

    /** The value for a row holding {@code amount} (ignored when {@code perAmount} is 0, so NaN does no harm). */
    public double of(double amount) {
        return perAmount == 0 ? fixed : fixed + perAmount * amount;
    }

    public OutcomeValue plus(OutcomeValue other) {
        return new OutcomeValue(fixed + other.fixed, perAmount + other.perAmount);
    }
}
