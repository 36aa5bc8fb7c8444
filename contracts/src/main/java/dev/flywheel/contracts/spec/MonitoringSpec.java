package dev.flywheel.contracts.spec;

import java.util.Objects;

/**
 * How the live model is watched.
 *
 * @param minOutcomes  live quality is judged only over at least this many labelled predictions
 * @param minPositives binary classification: live quality is judged only over outcomes holding at least this
 *                     many positives; the spec refuses the key for regression, which ignores it
 * @param detector     the concept-drift detector on the served model's error stream
 */
public record MonitoringSpec(int minOutcomes, int minPositives, AccuracyPolicy accuracy, DriftPolicy data,
                             RetrainingPolicy retraining, ConceptDetectorSpec detector) {

    public static final int DEFAULT_MIN_OUTCOMES = 500;
    public static final int DEFAULT_MIN_POSITIVES = 20;

    public MonitoringSpec {
        Objects.requireNonNull(accuracy, "accuracy");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(retraining, "retraining");
        Objects.requireNonNull(detector, "detector");
    }

    /** Monitoring with the default concept-drift detector (ADWIN, δ = 0.002). */
    public MonitoringSpec(int minOutcomes, int minPositives, AccuracyPolicy accuracy, DriftPolicy data,
                          RetrainingPolicy retraining) {
        this(minOutcomes, minPositives, accuracy, data, retraining, ConceptDetectorSpec.defaults());
    }
}
