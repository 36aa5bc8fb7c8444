package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class PacerTest {

    /** A clock that only moves when slept on, so pacing is checked without waiting. */
    private static final class FakeClock implements Pacer.WallClock {
        long now = 1_000;
        long slept;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
            slept += nanos;
        }
    }

    private static final Instant T0 = Instant.parse("2018-04-01T00:00:00Z");

    @Test
    void aRateSpacesEventsEvenlyInWallTime() throws InterruptedException {
        // Given 500 events per second
        FakeClock clock = new FakeClock();
        Pacer pacer = Pacer.atRate(500, clock);

        // When 1001 events all at once in simulated time pass through
        for (int i = 0; i <= 1000; i++) {
            pacer.awaitTurn(label(T0));
        }

        // Then the last one went out 2 s after the first
        assertThat(clock.slept / 1e9).isCloseTo(2.0, within(0.002));
    }

    @Test
    void aSpeedupMapsSimulatedTimeToWallTime() throws InterruptedException {
        // Given simulated time 3600× faster than wall time
        FakeClock clock = new FakeClock();
        Pacer pacer = Pacer.atSpeedup(3600, clock);

        // When events are one simulated hour apart
        for (int h = 0; h <= 10; h++) {
            pacer.awaitTurn(label(T0.plusSeconds(3600L * h)));
        }

        // Then each is one wall second after the previous
        assertThat(clock.slept).isEqualTo(10_000_000_000L);
    }

    @Test
    void aLateEventIsNotDelayedFurther() throws InterruptedException {
        // Given 10 events per second and a sink that took 1 s on the first event
        FakeClock clock = new FakeClock();
        Pacer pacer = Pacer.atRate(10, clock);
        pacer.awaitTurn(label(T0));
        clock.now += 1_000_000_000L;

        // When the next 10 events come (all due by now)
        for (int i = 0; i < 10; i++) {
            pacer.awaitTurn(label(T0));
        }

        // Then none waited
        assertThat(clock.slept).isZero();
    }

    private static FraudLabel label(Instant at) {
        return new FraudLabel("1", FraudScenario.GENUINE, at);
    }
}
