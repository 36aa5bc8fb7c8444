package dev.flywheel.inference.model;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.ModelPromoted;

/**
 * A model installed in a {@link ModelSlot}, with a reference count that decides when it may be closed.
 *
 * <p>Reference counting rather than a grace period: a grace period guesses how long the slowest request
 * takes (a batch of 1000 rows on a loaded machine can take longer than any fixed guess, and closing a DJL
 * model under a running forward pass crashes the native side), whereas a count closes the old model
 * exactly when the last request that holds it is done, and not later.
 *
 * <p>The count starts at 1: the slot's own reference. Readers {@link #tryRetain()} before use and release
 * after; the slot releases its reference when it swaps the model out ({@link #retire()}). Whoever brings the
 * count to 0 closes the model. Once at 0 the count never rises again, so no reader can hold a closed model.
 */
final class ServedModel {

    private static final Logger LOG = Logger.getLogger(ServedModel.class);

    private final ServingModel model;
    private final ModelPromoted promotion;
    private final Instant loadedAt;
    private final AtomicInteger references = new AtomicInteger(1);

    ServedModel(ServingModel model, ModelPromoted promotion, Instant loadedAt) {
        this.model = model;
        this.promotion = promotion;
        this.loadedAt = loadedAt;
    }

    ServingModel model() {
        return model;
    }

    ModelPromoted promotion() {
        return promotion;
    }

    Instant loadedAt() {
        return loadedAt;
    }

    /** Takes a reference unless the model is already retired and released by everyone. */
    boolean tryRetain() {
        while (true) {
            int count = references.get();
            if (count == 0) {
                return false;
            }
            if (references.compareAndSet(count, count + 1)) {
                return true;
            }
        }
    }

    void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            closeQuietly();
        } else if (left < 0) {
            throw new IllegalStateException("model " + model.version() + " released more often than retained");
        }
    }

    /** Gives up the slot's reference: the model closes now, or when its last reader releases it. */
    void retire() {
        release();
    }

    private void closeQuietly() {
        try {
            model.close();
            LOG.infof("closed model %s after its last in-flight request", model.version());
        } catch (RuntimeException e) {
            LOG.warnf(e, "closing model %s failed; its native memory may leak", model.version());
        }
    }
}
