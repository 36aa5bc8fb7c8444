package dev.flywheel.contracts.spec;

import java.util.Locale;

/** What an {@link AggregateFeature} computes over the events of one entity in its window. */
public enum AggregateKind implements SpecKeyword {
    COUNT(OfField.NONE, false),
    SUM(OfField.NUMERIC, false),
    AVG(OfField.NUMERIC, false),
    MIN(OfField.NUMERIC, false),
    MAX(OfField.NUMERIC, false),
    STDDEV(OfField.NUMERIC, false),
    /** Number of distinct values of the {@code of} field, which may have any type. */
    DISTINCT_COUNT(OfField.ANY, false),
    /** Value of the {@code of} field on the entity's latest event in the window. */
    LAST(OfField.NUMERIC_OR_BOOLEAN, false),
    /** Seconds since the entity's previous event in the window. */
    TIME_SINCE_LAST(OfField.NONE, false),
    /** Fraction of the window's events whose label is positive. */
    LABEL_RATE(OfField.NONE, true),
    /** Number of the window's events whose label is positive. */
    LABEL_COUNT(OfField.NONE, true);

    /** What the {@code of} key of an aggregate must name. */
    public enum OfField {
        /** No {@code of}: the aggregate is about the events themselves or their labels. */
        NONE,
        NUMERIC,
        NUMERIC_OR_BOOLEAN,
        ANY
    }

    private final OfField of;
    private final boolean usesLabel;

    AggregateKind(OfField of, boolean usesLabel) {
        this.of = of;
        this.usesLabel = usesLabel;
    }

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public OfField of() {
        return of;
    }

    /** Reads labels: needs a binary label and is computed from labels that have arrived. */
    public boolean usesLabel() {
        return usesLabel;
    }
}
