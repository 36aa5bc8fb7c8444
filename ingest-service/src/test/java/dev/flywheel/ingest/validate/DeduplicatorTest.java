package dev.flywheel.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The deduplication window and memory bound, on a clock the test moves by hand. */
class DeduplicatorTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);

    /** A clock that stands still until the test advances it. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2018-04-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final Deduplicator deduplicator = new Deduplicator(WINDOW, 1_000, clock);

    @Test
    void anIdSeenAgainWithinTheWindowIsADuplicateAndOtherIdsAreNot() {
        // Given
        assertThat(deduplicator.firstSeen("a")).isTrue();

        // When
        clock.advance(WINDOW.minusMillis(1));

        // Then
        assertThat(deduplicator.firstSeen("a")).isFalse();
        assertThat(deduplicator.firstSeen("b")).isTrue();
    }

    @Test
    void theWindowRunsFromTheFirstArrivalAndADuplicateDoesNotExtendIt() {
        // Given a first arrival and a duplicate 9 minutes later
        deduplicator.firstSeen("a");
        clock.advance(Duration.ofMinutes(9));
        assertThat(deduplicator.firstSeen("a")).isFalse();

        // When the window has passed since the first arrival (not since the duplicate)
        clock.advance(Duration.ofMinutes(1));

        // Then the id is new again, and starts a new window
        assertThat(deduplicator.firstSeen("a")).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(deduplicator.firstSeen("a")).isFalse();
    }

    @Test
    void idsExpireOnceTheirWindowHasPassedSoMemoryStaysBounded() {
        // Given 100 ids a minute apart
        for (int i = 0; i < 100; i++) {
            deduplicator.firstSeen("id-" + i);
            clock.advance(Duration.ofMinutes(1));
        }

        // When / Then at minute 100 only ids younger than 10 minutes (91..99) are remembered
        assertThat(deduplicator.size()).isEqualTo(9);
        assertThat(deduplicator.firstSeen("id-90")).isTrue();
        assertThat(deduplicator.firstSeen("id-91")).isFalse();
    }

    @Test
    void beyondMaxIdsTheOldestAreForgottenFirst() {
        // Given room for three ids
        Deduplicator small = new Deduplicator(WINDOW, 3, clock);
        for (String id : new String[] {"a", "b", "c", "d"}) {
            small.firstSeen(id);
        }

        // When / Then "a" was forgotten to make room, the others are remembered
        assertThat(small.size()).isEqualTo(3);
        assertThat(small.firstSeen("d")).isFalse();
        assertThat(small.firstSeen("b")).isFalse();
        assertThat(small.firstSeen("a")).isTrue();
    }

    @Test
    void aForgottenIdCountsAsNewWhenItIsRetried() {
        // Given an id whose publication failed
        deduplicator.firstSeen("a");

        // When
        deduplicator.forget("a");

        // Then its retry is not a duplicate
        assertThat(deduplicator.firstSeen("a")).isTrue();
    }

    @Test
    void aWindowOrBoundThatMakesNoSenseIsRefused() {
        assertThatThrownBy(() -> new Deduplicator(Duration.ZERO, 10, clock))
                .hasMessageContaining("window must be longer than 0");
        assertThatThrownBy(() -> new Deduplicator(WINDOW, 0, clock)).hasMessageContaining("maxIds must be at least 1");
    }
}
