package dev.flywheel.model.value;

import java.util.Objects;

/**
 * Scored, labelled rows with what is needed to value decisions on them: each row's amount (the cost matrix's
 * amount feature) and event time (to turn totals into values per day).
 *
 * @param scores       the model's scores, one per row
 * @param labels       1 for a positive case, 0 otherwise
 * @param amounts      each row's amount; NaN where a row has none (only read by outcomes that use an amount)
 * @param epochSeconds each row's event time
 */
public record ValuedRows(double[] scores, double[] labels, double[] amounts, long[] epochSeconds) {

    /** The span below which a slice is still counted as this long, so a handful of rows is not blown up to a day. */
    static final double MIN_SPAN_DAYS = 1.0 / 24;

    public ValuedRows {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(amounts, "amounts");
        Objects.requireNonNull(epochSeconds, "epochSeconds");
        if (labels.length != scores.length || amounts.length != scores.length || epochSeconds.length != scores.length) {
            throw new IllegalArgumentException("every row needs a score, a label, an amount and a time: " + scores.length
                    + " scores, " + labels.length + " labels, " + amounts.length + " amounts, " + epochSeconds.length
                    + " times");
        }
    }

    public int size() {
        return scores.length;
    }

    /** The same rows scored by another model (the rule baseline). */
    public ValuedRows withScores(double[] otherScores) {
        return new ValuedRows(otherScores, labels, amounts, epochSeconds);
    }

    /** Days from the first to the last row's time, at least {@link #MIN_SPAN_DAYS}. */
    public double spanDays() {
        if (epochSeconds.length == 0) {
            return MIN_SPAN_DAYS;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long t : epochSeconds) {
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        return Math.max((max - min) / 86_400.0, MIN_SPAN_DAYS);
    }
}
