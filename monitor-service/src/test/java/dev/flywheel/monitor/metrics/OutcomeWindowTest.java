package dev.flywheel.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class OutcomeWindowTest {

    private static final Instant T0 = Instant.parse("2018-05-01T00:00:00Z");

    @Test
    void keepsTheLatestOutcomesAndCountsAll() {
        // Given a window of 3 fed 5 outcomes
        OutcomeWindow window = new OutcomeWindow(3);
        for (int i = 0; i < 5; i++) {
            window.add(i / 10.0, i % 2, T0.plusSeconds(i).toEpochMilli());
        }

        // Then it holds the last 3, oldest first, and counts all 5
        OutcomeSample all = window.latest(10);
        assertThat(all.scores()).containsExactly(0.2, 0.3, 0.4);
        assertThat(all.labels()).containsExactly(0.0, 1.0, 0.0);
        assertThat(all.positives()).isEqualTo(1);
        assertThat(all.firstEventTime()).isEqualTo(T0.plusSeconds(2));
        assertThat(all.lastEventTime()).isEqualTo(T0.plusSeconds(4));
        assertThat(window.size()).isEqualTo(3);
        assertThat(window.total()).isEqualTo(5);
        assertThat(window.totalPositives()).isEqualTo(2);
        assertThat(window.latest(2).scores()).containsExactly(0.3, 0.4);
    }

    @Test
    void latestHoldingReachesBackOnlyAsFarAsThePositivesRequire() {
        // Given a window of 8 fed 12 outcomes, positive at 2, 5 and 9: it holds 4..11, the ring has wrapped
        OutcomeWindow window = new OutcomeWindow(8);
        for (int i = 0; i < 12; i++) {
            window.add(i / 100.0, i == 2 || i == 5 || i == 9 ? 1 : 0, T0.plusSeconds(i).toEpochMilli());
        }

        // Then the latest 2 hold no positive, so one positive takes 9..11
        OutcomeSample one = window.latestHolding(2, 1).orElseThrow();
        assertThat(one.scores()).containsExactly(0.09, 0.10, 0.11);
        assertThat(one.positives()).isEqualTo(1);
        assertThat(one.firstEventTime()).isEqualTo(T0.plusSeconds(9));
        // two positives take 5..11
        assertThat(window.latestHolding(2, 2)).map(OutcomeSample::size).contains(7);
        // the latest 5 already hold one: no further back than that
        assertThat(window.latestHolding(5, 1)).map(OutcomeSample::size).contains(5);
        // none needed: at least 20, i.e. all held
        assertThat(window.latestHolding(20, 0)).map(OutcomeSample::size).contains(8);
        // and a third positive is no longer held: nothing
        assertThat(window.latestHolding(2, 3)).isEmpty();
    }

    @Test
    void selectsByEventTimeNotArrivalOrder() {
        // Given labels arrive out of event-time order
        OutcomeWindow window = new OutcomeWindow(10);
        window.add(0.1, 0, T0.plusSeconds(50).toEpochMilli());
        window.add(0.2, 1, T0.plusSeconds(10).toEpochMilli());
        window.add(0.3, 0, T0.plusSeconds(30).toEpochMilli());

        OutcomeSample since = window.since(T0.plusSeconds(30));

        assertThat(since.scores()).containsExactly(0.1, 0.3);
        assertThat(since.positives()).isZero();
        assertThat(since.firstEventTime()).isEqualTo(T0.plusSeconds(30));
        assertThat(window.since(T0.plusSeconds(51)).size()).isZero();
        assertThat(window.since(T0.plusSeconds(51)).firstEventTime()).isNull();
    }
}
