package dev.flywheel.training.registry;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs one registry step again, with exponential backoff, while its failure says the registry database cannot be
 * reached (a refused or broken connection, a server shutting down, no pooled connection in time); any other
 * failure, and the last unavailable one, is thrown. Consumes the step; produces its result, and one
 * {@link Listener#retrying} call before each wait, so a training run reports "registry unavailable, retry n in Xs".
 *
 * <p>Only steps that may be repeated are given to it: reads, and writes whose transaction either committed or did
 * not (each {@link RegistryStore} method is one transaction).
 */
public final class RegistryRetry {

    /** SQLState classes of an unreachable server: connection exception, operator intervention (shutdown). */
    private static final String CONNECTION_CLASS = "08";
    private static final String SHUTDOWN_CLASS = "57P";

    /**
     * @param attempts       how many times a step runs at most (1: no retry)
     * @param initialBackoff the first wait; each next one doubles
     * @param maxBackoff     the longest wait
     */
    public record Backoff(int attempts, Duration initialBackoff, Duration maxBackoff) {

        public Backoff {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1 but was " + attempts);
            }
            if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("backoff must be 0 <= initial <= max but was " + initialBackoff
                        + " and " + maxBackoff);
            }
        }

        /** The wait after failed attempt {@code attempt} (1-based): initial × 2^(attempt-1), at most the maximum. */
        public Duration after(int attempt) {
            Duration wait = initialBackoff;
            for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    /** Told before each wait. */
    @FunctionalInterface
    public interface Listener {

        /**
         * @param step    what is retried, e.g. "registering the version"
         * @param retry   the retry about to come (1 for the second attempt)
         * @param retries the most retries there will be
         * @param wait    how long until it
         * @param cause   why the attempt failed
         */
        void retrying(String step, int retry, int retries, Duration wait, RuntimeException cause);
    }

    /** How a retry waits; tests of the policy pass one that only records. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;
    }

    private final Backoff backoff;
    private final Sleeper sleeper;

    public RegistryRetry(Backoff backoff) {
        this(backoff, wait -> Thread.sleep(wait.toMillis()));
    }

    public RegistryRetry(Backoff backoff, Sleeper sleeper) {
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    public Backoff backoff() {
        return backoff;
    }

    /**
     * Runs {@code work}, again after each wait while it fails because the database is unavailable.
     *
     * @throws RegistryUnavailableException when the last attempt still found the database unavailable
     */
    public <T> T call(String step, Supplier<T> work, Listener listener) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!isUnavailable(e)) {
                    throw e;
                }
                if (attempt >= backoff.attempts()) {
                    throw new RegistryUnavailableException("registry unavailable: " + step + " failed " + attempt
                            + " time(s), the last: " + e.getMessage(), e);
                }
                Duration wait = backoff.after(attempt);
                listener.retrying(step, attempt, backoff.attempts() - 1, wait, e);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new RegistryUnavailableException("registry unavailable: " + step
                            + " interrupted while waiting to retry", e);
                }
            }
        }
    }

    /** {@link #call} of a step without a result. */
    public void run(String step, Runnable work, Listener listener) {
        call(step, () -> {
            work.run();
            return null;
        }, listener);
    }

    /** True when a cause of {@code failure} says the database could not be reached, not that it refused the work. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException || cause instanceof java.net.ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith(CONNECTION_CLASS) || state.startsWith(SHUTDOWN_CLASS))) {
                    return true;
                }
                // Agroal's pool, when no connection could be made in its acquisition timeout: no SQLState.
                if (state == null && sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
