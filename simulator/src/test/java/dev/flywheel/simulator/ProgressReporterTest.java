package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    private static final Instant T0 = Instant.parse("2018-04-01T00:00:00Z");

    @Test
    void reportsShareOfSimulatedDaysRateAndEta() {
        // Given a 100-day run and a wall clock at 0
        AtomicLong wall = new AtomicLong(0);
        var reporter = new ProgressReporter(T0, T0.plus(Duration.ofDays(100)), Duration.ofSeconds(5), wall::get);

        // When 20,000 events reaching day 25 took 10 s
        for (int i = 0; i < 20_000; i++) {
            reporter.record(new FraudLabel("x", FraudScenario.GENUINE, T0.plus(Duration.ofDays(25))));
        }
        wall.set(10_000_000_000L);
        ProgressReporter.Progress p = reporter.snapshot();

        // Then a quarter is done at 2,000 events/s and 30 s remain
        assertThat(p.fraction()).isCloseTo(0.25, within(1e-9));
        assertThat(p.simulatedDay()).isCloseTo(25.0, within(1e-9));
        assertThat(p.eventsPerSecond()).isCloseTo(2000.0, within(1e-6));
        assertThat(p.eta()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.describe(100)).contains("25.0 %").contains("2,000 events/s").contains("ETA 0:00:30");
    }

    @Test
    void labelsAfterTheEndDoNotPassOneHundredPercent() {
        AtomicLong wall = new AtomicLong(0);
        var reporter = new ProgressReporter(T0, T0.plus(Duration.ofDays(10)), Duration.ofSeconds(5), wall::get);

        reporter.record(new FraudLabel("x", FraudScenario.GENUINE, T0.plus(Duration.ofDays(16))));
        wall.set(1_000_000_000L);

        assertThat(reporter.snapshot().fraction()).isEqualTo(1.0);
        assertThat(reporter.snapshot().eta()).isZero();
    }
}
