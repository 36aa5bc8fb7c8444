package dev.flywheel.contracts.spec;

import java.util.Objects;

/**
 * How the live model is watched.
 *
 * @param minOutcomes live quality is judged only over at least this many labelled predictions
 */
public record MonitoringSpec(int minOutcomes, AccuracyPolicy accuracy, DriftPolicy data, RetrainingPolicy retraining) {

    public static final int DEFAULT_MIN_OUTCOMES = 500;

    public MonitoringSpec {
        Objects.requireNonNull(accuracy, "accuracy");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(retraining, "retraining");
    }
}
