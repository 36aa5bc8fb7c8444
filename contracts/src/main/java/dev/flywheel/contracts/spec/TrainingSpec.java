package dev.flywheel.contracts.spec;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How models are trained.
 *
 * @param holdout      the later fraction of the time-ordered examples kept for evaluation, in (0, 1)
 * @param minExamples  no training below this many labelled examples
 * @param minPositives binary classification: no training, evaluation or promotion unless the training slice and
 *                     the held-out slice each hold at least this many positive examples (metrics on a handful
 *                     of positives are noise); the spec refuses the key for regression, which ignores it
 * @param schedule     period of routine retraining; empty: retrain only when monitoring asks
 * @param recentWindow how far back the examples of a (re)training reach
 * @param cleaning     the cleaning fitted on the training slice and applied to both slices; empty: none, and an
 *                     example with a missing feature is unusable
 * @param tuning       the budget of the hyper-parameter search of candidates that declare a {@code search}; empty:
 *                     every candidate is trained once with its params
 * @param challenger   a version that does not beat the champion becomes the registry's {@code challenger} (so the
 *                     inference services score it in shadow on live traffic and the monitor values it) instead of
 *                     only being kept; off by default
 */
public record TrainingSpec(double holdout, int minExamples, int minPositives, Optional<Duration> schedule,
                           Duration recentWindow, Optional<CleaningSpec> cleaning, Optional<TuningSpec> tuning,
                           boolean challenger) {

    public static final double DEFAULT_HOLDOUT = 0.2;
    public static final int DEFAULT_MIN_EXAMPLES = 1000;
    public static final int DEFAULT_MIN_POSITIVES = 20;
    public static final Duration DEFAULT_RECENT_WINDOW = Duration.ofDays(30);

    public static final TrainingSpec DEFAULTS =
            new TrainingSpec(DEFAULT_HOLDOUT, DEFAULT_MIN_EXAMPLES, DEFAULT_MIN_POSITIVES, Optional.empty(),
                    DEFAULT_RECENT_WINDOW, Optional.empty(), Optional.empty(), false);

    public TrainingSpec {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(recentWindow, "recentWindow");
        Objects.requireNonNull(cleaning, "cleaning");
        Objects.requireNonNull(tuning, "tuning");
    }

    /** Without a challenger. */
    public TrainingSpec(double holdout, int minExamples, int minPositives, Optional<Duration> schedule,
                        Duration recentWindow, Optional<CleaningSpec> cleaning, Optional<TuningSpec> tuning) {
        this(holdout, minExamples, minPositives, schedule, recentWindow, cleaning, tuning, false);
    }

    /** Without tuning. */
    public TrainingSpec(double holdout, int minExamples, int minPositives, Optional<Duration> schedule,
                        Duration recentWindow, Optional<CleaningSpec> cleaning) {
        this(holdout, minExamples, minPositives, schedule, recentWindow, cleaning, Optional.empty(), false);
    }

    /** Without cleaning. */
    public TrainingSpec(double holdout, int minExamples, int minPositives, Optional<Duration> schedule,
                        Duration recentWindow) {
        this(holdout, minExamples, minPositives, schedule, recentWindow, Optional.empty(), Optional.empty(), false);
    }
}
