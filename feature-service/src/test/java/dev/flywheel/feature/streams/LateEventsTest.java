package dev.flywheel.feature.streams;

import static dev.flywheel.feature.streams.FeatureTopologyTest.SHOP;
import static dev.flywheel.feature.streams.FeatureTopologyTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.event.FeaturesComputed;

/**
 * Events that arrive after stream time has passed them, against the README's "Order and late data": with the
 * service's grace (1 day) and the shop spec, whose customer aggregates span 1 day, a customer's history is kept for
 * 2 days of stream time (span + grace), per-event state (deduplication, example join) for 8 days
 * ({@code label.maxDelay} 7 days + grace).
 *
 * <ul>
 *   <li>late by at most the grace: its whole window is still kept, so its vector is exactly what it would have been
 *       in order, and it is counted by later events whose window holds its time;</li>
 *   <li>later than that: the part of its window older than the kept 2 days is gone, so the vector counts only
 *       what is kept ("from what is kept");</li>
 *   <li>older than the whole retention: its aggregates are the empty window's (it is not kept itself either), but
 *       while per-event state lasts its label still makes an example; beyond that no example.</li>
 * </ul>
 * Stream time is the store's, moved on by any entity's event: here another customer's.
 */
class LateEventsTest {

    static final Duration GRACE = Duration.ofDays(1);
    static final Duration CUSTOMER_RETENTION = Duration.ofDays(1).plus(GRACE);
    static final Duration PER_EVENT_RETENTION = Duration.ofDays(7).plus(GRACE);

    FeatureDriver driver;

    @BeforeEach
    void start() {
        driver = new FeatureDriver(SHOP);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void anEventLateWithinTheGraceGetsItsVectorAsOfItsTimeAndIsCountedByLaterWindows() {
        // Given payments of c1 at T0 (10), T0+6h (20) and T0+1d+2h (40): stream time is T0+1d+2h
        driver.event("e1", T0, Map.of("customer", "c1", "amount", 10.0));
        driver.event("e2", T0.plus(Duration.ofHours(6)), Map.of("customer", "c1", "amount", 20.0));
        driver.event("e3", T0.plus(Duration.ofHours(26)), Map.of("customer", "c1", "amount", 40.0));

        // When a payment of c1 at T0+12h (30) arrives 14 hours late, then one at T0+1d+4h (50)
        driver.event("late", T0.plus(Duration.ofHours(12)), Map.of("customer", "c1", "amount", 30.0));
        driver.event("e4", T0.plus(Duration.ofHours(28)), Map.of("customer", "c1", "amount", 50.0));

        // Then the late one's window is (T0-12h, T0+12h]: e1, e2 and itself, not e3, which came before it but is later
        Map<String, FeaturesComputed> vectors = driver.vectors();
        assertThat(vectors).containsOnlyKeys("e1", "e2", "e3", "late", "e4");
        Map<String, Double> late = vectors.get("late").features();
        assertThat(late).containsEntry("customer_count_1d", 3.0).containsEntry("customer_sum_1d", 60.0)
                .containsEntry("customer_avg_1d", 20.0).containsEntry("customer_min_1d", 10.0)
                .containsEntry("customer_max_1d", 30.0)
                .containsEntry("customer_since_last_1d", (double) Duration.ofHours(6).toSeconds());
        assertThat(late.get("customer_stddev_1d")).isCloseTo(Math.sqrt(200.0 / 3), within(1e-9));
        assertThat(vectors.get("late").eventTime()).isEqualTo(T0.plus(Duration.ofHours(12)));

        // And e3's vector, made before the late one arrived, is not made again: (T0+2h, T0+1d+2h] held e2 and e3
        assertThat(vectors.get("e3").features()).containsEntry("customer_count_1d", 2.0)
                .containsEntry("customer_sum_1d", 60.0);

        // And e4's window (T0+4h, T0+1d+4h] counts the late payment: e2, late, e3, e4
        assertThat(vectors.get("e4").features()).containsEntry("customer_count_1d", 4.0)
                .containsEntry("customer_sum_1d", 140.0).containsEntry("customer_avg_1d", 35.0)
                .containsEntry("customer_min_1d", 20.0).containsEntry("customer_max_1d", 50.0)
                .containsEntry("customer_since_last_1d", (double) Duration.ofHours(2).toSeconds());
    }

    @Test
    void lateByExactlyTheGraceItsWholeWindowIsStillKept() {
        // Given c1's payments at the very start of the window of a payment at t, and an hour before t
        Instant streamTime = T0.plus(Duration.ofDays(3));
        Instant t = streamTime.minus(GRACE);
        givenTwoPaymentsInTheWindowOf(t);

        // When another customer moves stream time to t + grace, and c1's payment at t arrives
        driver.event("other", streamTime, Map.of("customer", "c2", "amount", 1.0));
        driver.event("late", t, Map.of("customer", "c1", "amount", 30.0));

        // Then its window holds both earlier payments and itself, as if it had come in order
        assertThat(driver.vectors().get("late").features()).containsEntry("customer_count_1d", 3.0)
                .containsEntry("customer_sum_1d", 60.0).containsEntry("customer_min_1d", 10.0);
    }

    @Test
    void lateByOneMillisecondMoreThanTheGraceTheWindowLosesWhatIsNoLongerKept() {
        // Given the same payments of c1
        Instant streamTime = T0.plus(Duration.ofDays(3));
        Instant t = streamTime.minus(GRACE).minusMillis(1);
        givenTwoPaymentsInTheWindowOf(t);

        // When stream time is t + grace + 1 ms as c1's payment at t arrives
        driver.event("other", streamTime, Map.of("customer", "c2", "amount", 1.0));
        driver.event("late", t, Map.of("customer", "c1", "amount", 30.0));

        // Then the payment at the start of its window, now 2 days (span + grace) behind stream time, is gone;
        // the rest of the window is counted
        assertThat(driver.vectors().get("late").features()).containsEntry("customer_count_1d", 2.0)
                .containsEntry("customer_sum_1d", 50.0).containsEntry("customer_min_1d", 20.0);
    }

    @Test
    void anEventOlderThanItsEntitysRetentionGetsEmptyWindowValuesYetItsLabelStillMakesAnExample() {
        // Given c1's payments in the window of a payment at t, and stream time 2 days and an hour past t
        Instant t = T0.plus(Duration.ofDays(1));
        givenTwoPaymentsInTheWindowOf(t);
        driver.event("other", t.plus(CUSTOMER_RETENTION).plus(Duration.ofHours(1)),
                Map.of("customer", "c2", "amount", 1.0));

        // When c1's payment at t arrives, then another of c1 a minute after it
        driver.event("late", t, Map.of("customer", "c1", "amount", 30.0));
        driver.event("later", t.plus(Duration.ofMinutes(1)), Map.of("customer", "c1", "amount", 5.0));

        // Then each gets a vector, with the empty window's values: nothing of c1 is kept from that time, not even
        // the first late payment itself
        Map<String, FeaturesComputed> vectors = driver.vectors();
        for (String id : new String[] {"late", "later"}) {
            assertThat(vectors.get(id).features()).as(id).containsEntry("customer_count_1d", 0.0)
                    .containsEntry("customer_sum_1d", 0.0).containsEntry("customer_avg_1d", 0.0)
                    .containsEntry("customer_since_last_1d", (double) Duration.ofDays(1).toSeconds());
        }
        assertThat(vectors.get("late").features()).containsEntry("amount", 30.0);

        // And its label an hour later still makes an example: per-event state lasts 8 days
        driver.label("late", 1.0, t.plus(Duration.ofHours(1)));
        assertThat(driver.examples()).extracting(ExampleLabelled::sourceEventId).containsExactly("late");
    }

    @Test
    void anEventOlderThanThePerEventStateGetsItsVectorButItsLabelMakesNoExample() {
        // Given stream time 8 days (maxDelay + grace) and a minute past t
        Instant t = T0;
        driver.event("other", t.plus(PER_EVENT_RETENTION).plus(Duration.ofMinutes(1)),
                Map.of("customer", "c2", "amount", 1.0));

        // When the payment at t arrives, then its label an hour after t
        driver.event("late", t, Map.of("customer", "c1", "amount", 30.0));
        driver.label("late", 1.0, t.plus(Duration.ofHours(1)));

        // Then it has its vector, but no example: neither side was kept to wait for the other
        assertThat(driver.vectors()).containsKey("late");
        assertThat(driver.examples()).isEmpty();
    }

    /** c1 pays 10 at the first millisecond of the 1-day window ending at {@code t}, and 20 an hour before t. */
    private void givenTwoPaymentsInTheWindowOf(Instant t) {
        driver.event("oldest", t.minus(Duration.ofDays(1)).plusMillis(1), Map.of("customer", "c1", "amount", 10.0));
        driver.event("recent", t.minus(Duration.ofHours(1)), Map.of("customer", "c1", "amount", 20.0));
    }
}
