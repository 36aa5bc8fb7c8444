package dev.flywheel.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how far a long run has got: the share of simulated days covered, the rate in events per
 * second and the time left, every {@code interval} of wall time.
 */
public final class ProgressReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    /**
     * @param fraction        share of the simulated span covered, 0..1
     * @param simulatedDay    simulated days since the start, fractional
     * @param eventsPerSecond events per wall second since the run began
     * @param eta             estimated wall time left, by the pace so far
     */
    public record Progress(double fraction, double simulatedDay, long events, double eventsPerSecond, Duration eta) {

        String describe(double totalDays) {
            return String.format(Locale.ROOT, "day %.1f/%.0f (%.1f %%), %,d events, %,.0f events/s, ETA %s",
                    simulatedDay, totalDays, 100 * fraction, events, eventsPerSecond, format(eta));
        }

        private static String format(Duration d) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
        }
    }

    private final Instant simStart;
    private final Duration simSpan;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long lastReportNanos;
    private long events;
    private Instant lastSimTime;

    public ProgressReporter(Instant simStart, Instant simEnd, Duration interval) {
        this(simStart, simEnd, interval, System::nanoTime);
    }

    ProgressReporter(Instant simStart, Instant simEnd, Duration interval, LongSupplier nanoClock) {
        this.simStart = simStart;
        this.simSpan = Duration.between(simStart, simEnd);
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastReportNanos = startNanos;
        this.lastSimTime = simStart;
    }

    /** Counts {@code event}; logs a progress line when the interval has passed. */
    public void record(SimEvent event) {
        events++;
        lastSimTime = event.time();
        long now = nanoClock.getAsLong();
        if (now - lastReportNanos >= intervalNanos) {
            lastReportNanos = now;
            LOG.info(snapshot().describe(totalDays()));
        }
    }

    /** Logs the final line. */
    public void finish() {
        Progress p = snapshot();
        LOG.info(String.format(Locale.ROOT, "done: %,d events in %s (%,.0f events/s)", p.events(),
                Progress.format(Duration.ofNanos(nanoClock.getAsLong() - startNanos)), p.eventsPerSecond()));
    }

    /** Where the run stands now. */
    public Progress snapshot() {
        double covered = simSpan.isZero() ? 1 : (double) Duration.between(simStart, lastSimTime).toNanos() / simSpan.toNanos();
        // Labels of the last days arrive after the simulated span ends.
        double fraction = Math.min(1, Math.max(0, covered));
        double elapsedSeconds = (nanoClock.getAsLong() - startNanos) / 1e9;
        double rate = elapsedSeconds > 0 ? events / elapsedSeconds : 0;
        Duration eta = fraction > 0
                ? Duration.ofMillis((long) (elapsedSeconds * (1 - fraction) / fraction * 1000))
                : Duration.ZERO;
        double day = Duration.between(simStart, lastSimTime).toSeconds() / (double) DailySpending.SECONDS_PER_DAY;
        return new Progress(fraction, day, events, rate, eta);
    }

    private double totalDays() {
        return simSpan.toSeconds() / (double) DailySpending.SECONDS_PER_DAY;
    }
}
