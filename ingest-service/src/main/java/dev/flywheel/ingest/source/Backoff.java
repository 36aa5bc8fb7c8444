package dev.flywheel.ingest.source;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt {@code n} waits between half and all of {@code initial × 2^(n-1)},
 * capped at {@code max}. The jitter keeps sources that failed together (a broker restart) from retrying in step.
 */
public record Backoff(Duration initial, Duration max) {

    /** The wait before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        long capped = cap(attempt);
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
    }

    /** The wait without jitter, its upper bound. */
    long cap(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        long millis = initial.toMillis() << doublings;
        return Math.min(millis < 0 ? Long.MAX_VALUE : millis, max.toMillis());
    }
}
