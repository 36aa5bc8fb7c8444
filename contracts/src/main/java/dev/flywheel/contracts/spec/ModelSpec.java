package dev.flywheel.contracts.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What is learnt and how models are compared.
 *
 * @param metric     what selects the best candidate and is reported for every model
 * @param threshold  binary classification only: a score {@code >= threshold} is a positive decision
 * @param topK       the k of {@link Metric#CARD_PRECISION_AT_K}
 * @param baseline   binary classification only: a rule over the features that every candidate is compared with
 */
public record ModelSpec(ModelTask task, Metric metric, OptionalDouble threshold, int topK,
                        List<ModelCandidate> candidates, TrainingSpec training, Optional<BaselineRule> baseline) {

    public static final double DEFAULT_THRESHOLD = 0.5;
    public static final int DEFAULT_TOP_K = 100;

    public ModelSpec {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(threshold, "threshold");
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(baseline, "baseline");
    }

    /** A spec without a baseline rule. */
    public ModelSpec(ModelTask task, Metric metric, OptionalDouble threshold, int topK,
                     List<ModelCandidate> candidates, TrainingSpec training) {
        this(task, metric, threshold, topK, candidates, training, Optional.empty());
    }
}
