package dev.flywheel.inference.model;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.flywheel.contracts.event.ModelPromoted;

/**
 * The right to use one serving model until {@link #close()}: the model is not closed while a lease on it is
 * open, even when a newer model has been swapped in meanwhile. Use it in try-with-resources, around the
 * scoring only.
 */
public final class ModelLease implements AutoCloseable {

    private final ServedModel served;
    private final AtomicBoolean released = new AtomicBoolean();

    ModelLease(ServedModel served) {
        this.served = served;
    }

    public ServingModel model() {
        return served.model();
    }

    /** The promotion that installed this model. */
    public ModelPromoted promotion() {
        return served.promotion();
    }

    public Instant loadedAt() {
        return served.loadedAt();
    }

    /** Idempotent: a second close does not release twice. */
    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            served.release();
        }
    }
}
