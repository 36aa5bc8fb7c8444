package dev.flywheel.feature.store;

/** Epoch milliseconds from {@code from} to {@code to}, both included. */
public record TimeRange(long from, long to) {

    public TimeRange {
        if (to < from) {
            throw new IllegalArgumentException("empty range " + from + ".." + to);
        }
    }
}
