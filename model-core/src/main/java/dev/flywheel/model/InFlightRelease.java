package dev.flywheel.model;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Frees a scorer's native memory only after its last running call: {@link #call} counts calls in flight,
 * {@link #close} marks the scorer closed and releases at once when nothing runs, otherwise the last
 * running call releases on its way out. Calls that start after {@code close} fail.
 */
final class InFlightRelease {

    private final Runnable release;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean closed;

    InFlightRelease(Runnable release) {
        this.release = release;
    }

    <T> T call(Supplier<T> work) {
        // Count first, then check: close() sets the flag first, then reads the count, so one of the two
        // always sees the other and native memory is never freed under a running call.
        inFlight.incrementAndGet();
        try {
            if (closed) {
                throw new IllegalStateException("scorer is closed");
            }
            return work.get();
        } finally {
            if (inFlight.decrementAndGet() == 0 && closed) {
                releaseOnce();
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    boolean isReleased() {
        return released.get();
    }

    void close() {
        closed = true;
        if (inFlight.get() == 0) {
            releaseOnce();
        }
    }

    private void releaseOnce() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
