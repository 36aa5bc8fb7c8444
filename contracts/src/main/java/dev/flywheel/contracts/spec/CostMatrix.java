package dev.flywheel.contracts.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * What each outcome of a binary decision is worth, as absolute money values per row (costs negative). The spec
 * writes a true alarm as what it {@code saves} compared with missing the case; the binder turns that into
 * the absolute value {@code missed + saves - review}, so that every consumer adds the four values up alike.
 *
 * @param amountField the feature every {@code amountOf} names (e.g. {@code tx_amount}); empty when all values
 *                    are constants
 * @param trueAlarm   a positive case flagged
 * @param falseAlarm  a negative case flagged
 * @param missed      a positive case not flagged
 * @param quietPass   a negative case not flagged; nothing unless declared otherwise
 */
public record CostMatrix(Optional<String> amountField, OutcomeValue trueAlarm, OutcomeValue falseAlarm,
                         OutcomeValue missed, OutcomeValue quietPass) {

    public CostMatrix {
        Objects.requireNonNull(amountField, "amountField");
        Objects.requireNonNull(trueAlarm, "trueAlarm");
        Objects.requireNonNull(falseAlarm, "falseAlarm");
        Objects.requireNonNull(missed, "missed");
        Objects.requireNonNull(quietPass, "quietPass");
    }

    /** The value of one row's outcome. */
    public double value(boolean flagged, boolean positive, double amount) {
        if (flagged) {
            return (positive ? trueAlarm : falseAlarm).of(amount);
        }
        return (positive ? missed : quietPass).of(amount);
    }
}
