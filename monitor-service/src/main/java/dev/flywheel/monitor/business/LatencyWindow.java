package dev.flywheel.monitor.business;

import java.util.Arrays;

/**
 * The latency of a pipeline's latest served predictions, in a ring, for the {@code serving_p99_latency_ms} goal.
 * Thread-safe.
 */
final class LatencyWindow {

    private final long[] micros;
    private int next;
    private int size;

    LatencyWindow(int capacity) {
        this.micros = new long[capacity];
    }

    synchronized void add(long latencyMicros) {
        micros[next] = latencyMicros;
        next = (next + 1) % micros.length;
        size = Math.min(size + 1, micros.length);
    }

    /** The 99th percentile (nearest rank) in milliseconds; NaN when empty. */
    synchronized double p99Millis() {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(micros, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.99 * size);
        return sorted[rank - 1] / 1000.0;
    }
}
