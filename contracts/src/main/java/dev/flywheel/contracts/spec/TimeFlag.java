package dev.flywheel.contracts.spec;

import java.util.Locale;

/** A calendar property of the event time, read in UTC, that a {@link FlagFeature} turns into 0 or 1. */
public enum TimeFlag implements SpecKeyword {
    /** Saturday or Sunday. */
    WEEKEND,
    /** Within the flag's {@link HourRange}; by default 00:00 to 06:59. */
    NIGHT;

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
