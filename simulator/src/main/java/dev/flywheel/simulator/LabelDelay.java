package dev.flywheel.simulator;

import java.time.Duration;
import java.util.Objects;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * How long after a transaction its label becomes known. A fraud is confirmed after a delay drawn
 * uniformly (whole seconds) between {@code fraudMin} and {@code fraudMax} — the customer complains,
 * an investigator confirms; a genuine transaction is considered genuine once {@code genuine} has
 * passed without a complaint. The live demo uses minutes instead of days.
 */
public record LabelDelay(Duration fraudMin, Duration fraudMax, Duration genuine) {

    public LabelDelay {
        Objects.requireNonNull(fraudMin, "fraudMin");
        Objects.requireNonNull(fraudMax, "fraudMax");
        Objects.requireNonNull(genuine, "genuine");
        if (fraudMin.isNegative() || genuine.isNegative() || fraudMax.compareTo(fraudMin) < 0) {
            throw new IllegalArgumentException("label delays must be >= 0 and fraudMin <= fraudMax, got " + fraudMin
                    + ".." + fraudMax + " / " + genuine);
        }
    }

    /** Frauds known after 1 to 7 days, genuine transactions after 7 days (the handbook's feedback delay). */
    public static LabelDelay standard() {
        return new LabelDelay(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(7));
    }

    Duration delayFor(boolean fraud, UniformRandomProvider rng) {
        if (!fraud) {
            return genuine;
        }
        long min = fraudMin.toSeconds();
        long spread = fraudMax.toSeconds() - min;
        return Duration.ofSeconds(min + (spread == 0 ? 0 : rng.nextLong(spread + 1)));
    }
}
