package dev.flywheel.contracts.spec;

/**
 * One model input, computed from the event (and, for aggregates, from earlier events of the same entity).
 * Every feature is a number: flags and booleans become 0 or 1.
 */
public sealed interface FeatureDef permits ValueFeature, FlagFeature, AggregateFeature, RatioFeature {

    /** Unique in the pipeline; the column name in training data and feature vectors. */
    String name();
}
