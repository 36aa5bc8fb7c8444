package dev.flywheel.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.DriftDetected;

/** The debounce of concept and data drift: one alarm per key and period, no replay of an already published window. */
class AlarmDebounceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final Instant EVENTS = Instant.parse("2018-06-01T00:00:00Z");

    private final AlarmDebounce debounce = new AlarmDebounce(Duration.ofMinutes(10));

    @Test
    void theSameAlarmWithinThePeriodIsHeldBackAndAdmittedAfterIt() {
        // Given an alarm published at T0 over events up to day 1
        debounce.published(drift("v1", T0, 1));

        // Then the same alarm on later events 5 minutes later is held back, 11 minutes later admitted
        assertThat(debounce.admits(drift("v1", T0.plus(Duration.ofMinutes(5)), 2))).isFalse();
        assertThat(debounce.admits(drift("v1", T0.plus(Duration.ofMinutes(11)), 2))).isTrue();
    }

    @Test
    void anotherVersionOrMetricIsAnotherAlarm() {
        // Given
        debounce.published(drift("v1", T0, 1));

        // Then
        assertThat(debounce.admits(drift("v2", T0.plusSeconds(1), 2))).isTrue();
        assertThat(debounce.admits(new DriftDetected("x", 1, "card-fraud", "v1", DriftDetected.Kind.CONCEPT,
                "error_rate:ddm", 0.3, 0.2, null, EVENTS, EVENTS.plus(Duration.ofDays(2)), T0.plusSeconds(1), Map.of())))
                .isTrue();
    }

    @Test
    void aReplayedWindowIsHeldBackEvenAfterThePeriod() {
        // Given an alarm read back from the drift topic (published by an earlier run, an hour ago) over events up
        // to day 3
        debounce.published(drift("v1", T0, 3));

        // When the restarted feed re-reads the outcomes and the detector fires again on events up to day 3
        boolean replay = debounce.admits(drift("v1", T0.plus(Duration.ofHours(1)), 3));

        // Then it is not published again; a window reaching further is
        assertThat(replay).isFalse();
        assertThat(debounce.admits(drift("v1", T0.plus(Duration.ofHours(1)), 4))).isTrue();
    }

    private static DriftDetected drift(String version, Instant detectedAt, int lastEventDay) {
        return new DriftDetected("concept:" + version + ":" + detectedAt, 1, "card-fraud", version,
                DriftDetected.Kind.CONCEPT, "error_rate:adwin", 0.2, 0.1, null, EVENTS,
                EVENTS.plus(Duration.ofDays(lastEventDay)), detectedAt, Map.of());
    }
}
