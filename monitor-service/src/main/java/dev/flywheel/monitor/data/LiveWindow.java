package dev.flywheel.monitor.data;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The latest predictions of one served version, as columns: each reference feature's values (NaN when a
 * prediction lacks the feature), the scores, the event times. A ring of fixed capacity: memory is
 * capacity × (features + 2) × 8 bytes (5,000 × 17 ≈ 0.7 MB for the demo). Not thread-safe.
 */
final class LiveWindow {

    private final List<String> features;
    private final double[][] values;
    private final double[] scores;
    private final long[] eventTimes;
    private int next;
    private int size;
    private long added;

    LiveWindow(List<String> features, int capacity) {
        this.features = List.copyOf(features);
        this.values = new double[features.size()][capacity];
        this.scores = new double[capacity];
        this.eventTimes = new long[capacity];
    }

    void add(Map<String, Double> featureValues, double score, Instant eventTime) {
        for (int f = 0; f < values.length; f++) {
            Double value = featureValues == null ? null : featureValues.get(features.get(f));
            values[f][next] = value == null ? Double.NaN : value;
        }
        scores[next] = score;
        eventTimes[next] = eventTime == null ? Long.MIN_VALUE : eventTime.toEpochMilli();
        next = (next + 1) % scores.length;
        size = Math.min(size + 1, scores.length);
        added++;
    }

    int size() {
        return size;
    }

    /** Predictions added since the window started (not bounded by the capacity). */
    long added() {
        return added;
    }

    /** The values of feature {@code f} now in the window (a copy, in no particular order). */
    double[] feature(int f) {
        return Arrays.copyOf(values[f], size);
    }

    double[] scores() {
        return Arrays.copyOf(scores, size);
    }

    Instant firstEventTime() {
        return size == 0 ? null : time(size < scores.length ? 0 : next);
    }

    Instant lastEventTime() {
        return size == 0 ? null : time((next - 1 + scores.length) % scores.length);
    }

    private Instant time(int index) {
        return eventTimes[index] == Long.MIN_VALUE ? null : Instant.ofEpochMilli(eventTimes[index]);
    }
}
