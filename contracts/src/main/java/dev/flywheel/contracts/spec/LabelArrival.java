package dev.flywheel.contracts.spec;

import java.util.Locale;

/** How the label of an event reaches the platform. */
public enum LabelArrival implements SpecKeyword {
    /** Later, as its own record on the labels stream, keyed by the event id. */
    SEPARATELY,
    /** As a field of the event itself (historical or batch data). */
    INLINE;

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
