package dev.flywheel.training.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The retry policy of the registry steps, with a sleeper that only records its waits. */
class RegistryRetryTest {

    private final List<Duration> slept = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    private final RegistryRetry.Listener listener = (step, retry, retries, wait, cause) ->
            told.add(step + " " + retry + "/" + retries + " in " + wait.toMillis() + " ms: " + cause.getMessage());

    @Test
    void anUnreachableDatabaseIsRetriedWithDoublingWaitsUpToTheMaximumThenTheStepSucceeds() {
        // Given a step failing four times with a refused connection (SQLState 08001), then succeeding
        RegistryRetry retry = new RegistryRetry(new RegistryRetry.Backoff(10, Duration.ofSeconds(1),
                Duration.ofSeconds(5)), slept::add);
        AtomicInteger attempts = new AtomicInteger();

        // When it runs
        String result = retry.call("registering the version", () -> {
            if (attempts.incrementAndGet() <= 4) {
                throw unreachable("08001");
            }
            return "7";
        }, listener);

        // Then it ran five times, waiting 1, 2, 4, 5 s (capped), and told the listener before each wait
        assertThat(result).isEqualTo("7");
        assertThat(attempts).hasValue(5);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(5));
        assertThat(told).containsExactly(
                "registering the version 1/9 in 1000 ms: registry database: refused",
                "registering the version 2/9 in 2000 ms: registry database: refused",
                "registering the version 3/9 in 4000 ms: registry database: refused",
                "registering the version 4/9 in 5000 ms: registry database: refused");
    }

    @Test
    void aDatabaseStillUnreachableAtTheLastAttemptFailsTheStepNamingItAndTheCount() {
        // Given three attempts at most, every one refused
        RegistryRetry retry = new RegistryRetry(new RegistryRetry.Backoff(3, Duration.ofMillis(10),
                Duration.ofMillis(10)), slept::add);
        AtomicInteger attempts = new AtomicInteger();

        // When / Then
        assertThatThrownBy(() -> retry.run("promoting the version", () -> {
            attempts.incrementAndGet();
            throw unreachable("57P01");
        }, listener)).isInstanceOf(RegistryUnavailableException.class)
                .hasMessage("registry unavailable: promoting the version failed 3 time(s), the last: registry database:"
                        + " refused");
        assertThat(attempts).hasValue(3);
        assertThat(slept).hasSize(2);
    }

    @Test
    void aFailureThatIsNotAnUnreachableDatabaseIsThrownAtTheFirstAttempt() {
        // Given a step the database refuses (a unique constraint, SQLState 23505)
        RegistryRetry retry = new RegistryRetry(new RegistryRetry.Backoff(5, Duration.ofMillis(10),
                Duration.ofMillis(10)), slept::add);
        AtomicInteger attempts = new AtomicInteger();

        // When / Then: no retry, the failure as it was
        assertThatThrownBy(() -> retry.run("registering the version", () -> {
            attempts.incrementAndGet();
            throw unreachable("23505");
        }, listener)).isInstanceOf(RegistryStoreException.class).isNotInstanceOf(RegistryUnavailableException.class);
        assertThat(attempts).hasValue(1);
        assertThat(slept).isEmpty();
        assertThat(told).isEmpty();
    }

    @Test
    void unreachableMeansAConnectionOrShutdownSqlStateAnEmptyPoolOrARefusedSocket() {
        assertThat(RegistryRetry.isUnavailable(unreachable("08006"))).isTrue();
        assertThat(RegistryRetry.isUnavailable(unreachable("57P03"))).isTrue();
        assertThat(RegistryRetry.isUnavailable(new RegistryStoreException("registry database",
                new SQLException("Sorry, acquisition timeout!")))).isTrue();
        assertThat(RegistryRetry.isUnavailable(new IllegalStateException("wrapped",
                new SQLException("io", new ConnectException("Connection refused"))))).isTrue();
        assertThat(RegistryRetry.isUnavailable(unreachable("42P01"))).isFalse();
        assertThat(RegistryRetry.isUnavailable(new IllegalArgumentException("no"))).isFalse();
    }

    @Test
    void backoffSettingsAreChecked() {
        assertThatThrownBy(() -> new RegistryRetry.Backoff(0, Duration.ZERO, Duration.ZERO))
                .hasMessage("attempts must be at least 1 but was 0");
        assertThatThrownBy(() -> new RegistryRetry.Backoff(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageStartingWith("backoff must be 0 <= initial <= max");
    }

    private static RegistryStoreException unreachable(String sqlState) {
        return new RegistryStoreException("registry database: refused", new SQLException("refused", sqlState));
    }
}
