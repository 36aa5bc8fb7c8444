package dev.flywheel.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Holds each event back until its wall-clock turn, so that a live run feeds Kafka at a chosen pace:
 * a fixed rate in events per second (simulated time then runs as fast as the data's density
 * dictates), or simulated time running N× wall time. Due times are absolute from the first event, so
 * a late event is sent at once and the average pace still holds.
 */
public final class Pacer {

    /** The wall clock; a test passes a fake one. */
    interface WallClock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        static WallClock system() {
            return new WallClock() {
                @Override
                public long nanoTime() {
                    return System.nanoTime();
                }

                @Override
                public void sleepNanos(long nanos) throws InterruptedException {
                    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                }
            };
        }
    }

    /** Offset from the first event's wall time at which event number {@code index} is due; negative: now. */
    @FunctionalInterface
    private interface Schedule {
        long dueNanos(long index, Duration simulatedSinceFirst);
    }

    // Sleeping for less than this costs more than it saves; the absolute schedule absorbs the jitter.
    private static final long MIN_SLEEP_NANOS = 1_000_000;

    private final Schedule schedule;
    private final WallClock clock;
    private long index;
    private long firstWallNanos;
    private Instant firstSimTime;

    private Pacer(Schedule schedule, WallClock clock) {
        this.schedule = schedule;
        this.clock = clock;
    }

    /** No pacing: as fast as the sink takes events. */
    public static Pacer unpaced() {
        return new Pacer((i, d) -> -1, WallClock.system());
    }

    public static Pacer atRate(double eventsPerSecond) {
        return atRate(eventsPerSecond, WallClock.system());
    }

    /** Simulated time runs {@code factor} times faster than wall time. */
    public static Pacer atSpeedup(double factor) {
        return atSpeedup(factor, WallClock.system());
    }

    static Pacer atRate(double eventsPerSecond, WallClock clock) {
        if (!(eventsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0 events/s");
        }
        double nanosPerEvent = 1e9 / eventsPerSecond;
        return new Pacer((i, d) -> (long) (i * nanosPerEvent), clock);
    }

    static Pacer atSpeedup(double factor, WallClock clock) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("speedup must be > 0");
        }
        return new Pacer((i, d) -> (long) (d.toNanos() / factor), clock);
    }

    /** Blocks until {@code event} is due. */
    public void awaitTurn(SimEvent event) throws InterruptedException {
        long now = clock.nanoTime();
        if (index == 0) {
            firstWallNanos = now;
            firstSimTime = event.time();
        }
        long due = schedule.dueNanos(index++, Duration.between(firstSimTime, event.time()));
        if (due < 0) {
            return;
        }
        long wait = firstWallNanos + due - now;
        if (wait >= MIN_SLEEP_NANOS) {
            clock.sleepNanos(wait);
        }
    }
}
