package dev.flywheel.monitor.metrics;

import java.time.Instant;
import java.util.Optional;

import dev.flywheel.contracts.event.OutcomeObserved;

/**
 * The latest outcomes of one model version, in arrival order, in a fixed-size ring of primitives (20k
 * outcomes take about 0.5 MB), with all-time counts. Thread-safe: the feed thread adds while HTTP requests and
 * metric scrapes read.
 */
public final class OutcomeWindow {

    private final double[] scores;
    private final double[] labels;
    private final long[] eventTimes;
    private int next;
    private int size;
    private long total;
    private long totalPositives;

    public OutcomeWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 but was " + capacity);
        }
        scores = new double[capacity];
        labels = new double[capacity];
        eventTimes = new long[capacity];
    }

    public synchronized void add(OutcomeObserved outcome) {
        Instant time = outcome.eventTime() != null ? outcome.eventTime() : outcome.labelTime();
        add(outcome.score(), outcome.label(), time == null ? Long.MIN_VALUE : time.toEpochMilli());
    }

    synchronized void add(double score, double label, long eventTimeMillis) {
        scores[next] = score;
        labels[next] = label;
        eventTimes[next] = eventTimeMillis;
        next = (next + 1) % scores.length;
        size = Math.min(size + 1, scores.length);
        total++;
        totalPositives += label == 1.0 ? 1 : 0;
    }

    /** Outcomes held now (at most the capacity). */
    public synchronized int size() {
        return size;
    }

    /** Outcomes ever added, including those pushed out. */
    public synchronized long total() {
        return total;
    }

    /** Positive outcomes ever added. */
    public synchronized long totalPositives() {
        return totalPositives;
    }

    /** The latest {@code n} outcomes (all held, if fewer). */
    public synchronized OutcomeSample latest(int n) {
        return collect(Math.min(n, size), Long.MIN_VALUE);
    }

    /**
     * The shortest run of latest outcomes that numbers at least {@code atLeast} (all held, if fewer) and holds at
     * least {@code positives} positives: counted from the newest backwards, so it reaches further back only as far
     * as the positives require. Empty when all the held outcomes hold fewer positives.
     */
    public synchronized Optional<OutcomeSample> latestHolding(int atLeast, int positives) {
        int count = 0;
        int found = 0;
        while (count < size && (count < atLeast || found < positives)) {
            found += labels[Math.floorMod(next - 1 - count, scores.length)] == 1.0 ? 1 : 0;
            count++;
        }
        return found >= positives ? Optional.of(collect(count, Long.MIN_VALUE)) : Optional.empty();
    }

    /** The held outcomes whose event time is at or after {@code since}. */
    public synchronized OutcomeSample since(Instant since) {
        return collect(size, since.toEpochMilli());
    }

    private OutcomeSample collect(int count, long fromMillis) {
        int start = Math.floorMod(next - count, scores.length);
        int selected = 0;
        for (int i = 0; i < count; i++) {
            selected += eventTimes[(start + i) % scores.length] >= fromMillis ? 1 : 0;
        }
        double[] s = new double[selected];
        double[] l = new double[selected];
        int positives = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int j = 0;
        for (int i = 0; i < count; i++) {
            int at = (start + i) % scores.length;
            if (eventTimes[at] >= fromMillis) {
                s[j] = scores[at];
                l[j] = labels[at];
                positives += labels[at] == 1.0 ? 1 : 0;
                first = Math.min(first, eventTimes[at]);
                last = Math.max(last, eventTimes[at]);
                j++;
            }
        }
        return new OutcomeSample(s, l, positives, instant(selected, first), instant(selected, last));
    }

    private static Instant instant(int selected, long millis) {
        return selected == 0 || millis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(millis);
    }
}
