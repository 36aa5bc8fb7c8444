package dev.flywheel.contracts.spec;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The budget of hyper-parameter tuning ({@code model.training.tuning}): how many configurations each searched
 * candidate tries, how long each candidate's tuning may take, whether successive halving stops weak ones early, and how many
 * trials run at once.
 *
 * @param trials      configurations sampled per candidate that declares a {@code search} space
 * @param maxTime     no trial training of a candidate starts after this much of its tuning time; empty: no limit
 * @param halving     successive halving; empty: every trial trains with the candidate's full resource
 * @param parallelism trials trained at once (the service bounds it by its cores)
 * @param seed        seeds the sampling of configurations: the same seed samples the same trials
 * @param validation  the later fraction of the training slice that scores trials; the held-out slice stays
 *                    unseen until the winner is judged on it; in (0, 1)
 */
public record TuningSpec(int trials, Optional<Duration> maxTime, Optional<Halving> halving, int parallelism, long seed,
                         double validation) {

    public static final int DEFAULT_TRIALS = 10;
    public static final int DEFAULT_PARALLELISM = 1;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_VALIDATION = 0.2;

    public TuningSpec {
        Objects.requireNonNull(maxTime, "maxTime");
        Objects.requireNonNull(halving, "halving");
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1 but was " + trials);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1 but was " + parallelism);
        }
        if (!(validation > 0 && validation < 1)) {
            throw new IllegalArgumentException("validation must be between 0 and 1 (exclusive) but was " + validation);
        }
    }

    /**
     * Successive halving: every trial first trains with {@code minResource} (epochs or boosting rounds); the best
     * {@code 1/eta} of them go on with {@code eta} times the resource, until the candidate's full resource.
     */
    public record Halving(int eta, int minResource) {

        public static final int DEFAULT_ETA = 3;

        public Halving {
            if (eta < 2) {
                throw new IllegalArgumentException("eta must be >= 2 but was " + eta);
            }
            if (minResource < 1) {
                throw new IllegalArgumentException("minResource must be >= 1 but was " + minResource);
            }
        }
    }
}
