package dev.flywheel.monitor.business;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a goal stands; {@link #rank} orders them from good to bad, so a slip is a rise in rank. */
public enum GoalStatus {
    /** The target holds now. */
    MET(0),
    /** Not measured yet (too few outcomes, no served version, no prediction). */
    UNKNOWN(1),
    /** The target does not hold, and its date has not passed. */
    AT_RISK(2),
    /** The target does not hold, and its date has passed. */
    MISSED(3);

    private final int rank;

    GoalStatus(int rank) {
        this.rank = rank;
    }

    /** Whether going from {@code before} to this is a slip worth a notification: a known status worsening. */
    public boolean slippedFrom(GoalStatus before) {
        return before != null && before != UNKNOWN && this != UNKNOWN && rank > before.rank;
    }

    /** For the gauge: 1 met, 0 at risk, -1 missed, NaN unknown. */
    public double gaugeValue() {
        return switch (this) {
            case MET -> 1;
            case AT_RISK -> 0;
            case MISSED -> -1;
            case UNKNOWN -> Double.NaN;
        };
    }

    @JsonValue
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
