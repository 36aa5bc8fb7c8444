package dev.flywheel.inference.model;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.flywheel.contracts.event.ModelPromoted;

/**
 * The model serving one pipeline, swapped atomically. Readers {@link #acquire()} a lease, score, and close
 * it; {@link #install} replaces the model in one atomic step and retires the old one, which closes when its
 * last lease is closed. Readers never wait on a swap and never see a half-loaded or closed model.
 */
public final class ModelSlot {

    private final String pipeline;
    private final AtomicReference<ServedModel> current = new AtomicReference<>();
    private volatile ModelPromoted lastPromotion;
    private volatile LoadFailure lastFailure;

    public ModelSlot(String pipeline) {
        this.pipeline = pipeline;
    }

    public String pipeline() {
        return pipeline;
    }

    /** A lease on the serving model, or empty while none has been installed. */
    public Optional<ModelLease> acquire() {
        while (true) {
            ServedModel served = current.get();
            if (served == null) {
                return Optional.empty();
            }
            if (served.tryRetain()) {
                return Optional.of(new ModelLease(served));
            }
            // The model was swapped out and released between get() and tryRetain(): the reference has
            // already moved on to its successor, so reading it again finds that one.
        }
    }

    /** The version serving now, if any. */
    public Optional<String> servingVersion() {
        return Optional.ofNullable(current.get()).map(served -> served.model().version());
    }

    /** The newest promotion seen for this pipeline, whether or not its model could be loaded. */
    public Optional<ModelPromoted> lastPromotion() {
        return Optional.ofNullable(lastPromotion);
    }

    /** The last promotion that could not be served, if any; cleared by the next successful install. */
    public Optional<LoadFailure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    void promotionSeen(ModelPromoted promotion) {
        this.lastPromotion = promotion;
    }

    void failed(LoadFailure failure) {
        this.lastFailure = failure;
    }

    /**
     * Makes {@code model} the serving one in one atomic step and retires the previous one.
     *
     * @return the version it replaced, if any
     */
    Optional<String> install(ServingModel model, ModelPromoted promotion, Instant loadedAt) {
        ServedModel previous = current.getAndSet(new ServedModel(model, promotion, loadedAt));
        this.lastFailure = null;
        if (previous == null) {
            return Optional.empty();
        }
        previous.retire();
        return Optional.of(previous.model().version());
    }

    /** Stops serving: the model closes once the requests holding it are done. */
    public void clear() {
        ServedModel previous = current.getAndSet(null);
        if (previous != null) {
            previous.retire();
        }
    }
}
