package dev.flywheel.inference.model;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.runtime.LogContext;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies {@link ModelPromoted} events: loads the promoted model completely and scores one row with it
 * <em>before</em> it replaces the serving one, so the first request after a swap pays neither the load nor
 * the first-call cost. A model that fails to load or warm up is closed and counted, and the previous model
 * keeps serving. A promotion of the version already serving is a no-op. Promotions of a pipeline are
 * applied one at a time.
 *
 * <p>Meters: {@code flywheel_inference_model_swaps} and {@code flywheel_inference_model_load_failures},
 * both tagged with the pipeline.
 */
@Singleton
public class ModelSwapper {

    private static final Logger LOG = Logger.getLogger(ModelSwapper.class);

    private final ServingModels models;
    private final ModelLoader loader;
    private final MeterRegistry meters;
    private final Clock clock;

    @Inject
    public ModelSwapper(ServingModels models, ModelLoader loader, MeterRegistry meters) {
        this(models, loader, meters, Clock.systemUTC());
    }

    public ModelSwapper(ServingModels models, ModelLoader loader, MeterRegistry meters, Clock clock) {
        this.models = models;
        this.loader = loader;
        this.meters = meters;
        this.clock = clock;
    }

    public SwapOutcome apply(ModelPromoted promotion) {
        return applyNewest(List.of(promotion));
    }

    /**
     * Applies the newest of several promotions of one pipeline (oldest first, as read from the topic), with
     * the result applying them one by one would have had: when the newest cannot be loaded, the newest
     * earlier one that can serves instead, and the failure stays on record.
     */
    public SwapOutcome applyNewest(List<ModelPromoted> promotions) {
        if (promotions.isEmpty()) {
            throw new IllegalArgumentException("no promotion to apply");
        }
        ModelPromoted newest = promotions.get(promotions.size() - 1);
        return applyNewest(models.slot(newest.pipeline()), promotions, Role.CHAMPION);
    }

    /**
     * Loads, warms up and installs the version a promotion-like assignment names as the pipeline's challenger,
     * which is scored in shadow beside the serving model. The serving model is not touched; a failed load keeps
     * the previous challenger, if any.
     */
    public SwapOutcome applyChallenger(ModelPromoted assignment) {
        return applyNewest(models.challenger(assignment.pipeline()), List.of(assignment), Role.CHALLENGER);
    }

    /** Which slot of a pipeline a model goes to; their meters are apart. */
    private enum Role { CHAMPION, CHALLENGER }

    private SwapOutcome applyNewest(Optional<ModelSlot> found, List<ModelPromoted> promotions, Role role) {
        ModelPromoted newest = promotions.get(promotions.size() - 1);
        if (found.isEmpty()) {
            LOG.debugf("promotion of %s for pipeline %s ignored: this service does not run it",
                    newest.modelVersion(), newest.pipeline());
            return SwapOutcome.UNKNOWN_PIPELINE;
        }
        ModelSlot slot = found.get();
        // One promotion per pipeline at a time: a second one waits for the first to finish loading.
        synchronized (slot) {
            slot.promotionSeen(newest);
            LoadFailure newestFailure = null;
            for (int i = promotions.size() - 1; i >= 0; i--) {
                ModelPromoted promotion = promotions.get(i);
                if (slot.servingVersion().filter(promotion.modelVersion()::equals).isPresent()) {
                    LOG.debugf("model %s already serves pipeline %s; promotion %s is a no-op",
                            promotion.modelVersion(), promotion.pipeline(), promotion.eventId());
                    return keepFailure(slot, newestFailure, SwapOutcome.ALREADY_SERVING);
                }
                Optional<LoadFailure> failure = install(slot, promotion, role);
                if (failure.isEmpty()) {
                    return keepFailure(slot, newestFailure, SwapOutcome.SWAPPED);
                }
                if (newestFailure == null) {
                    newestFailure = failure.get();
                }
            }
            return keepFailure(slot, newestFailure, SwapOutcome.LOAD_FAILED);
        }
    }

    private static SwapOutcome keepFailure(ModelSlot slot, LoadFailure newestFailure, SwapOutcome outcome) {
        if (newestFailure != null) {
            slot.failed(newestFailure);
        }
        return outcome;
    }

    /** Loads, checks, warms up and installs one model; the failure, if it could not. */
    private Optional<LoadFailure> install(ModelSlot slot, ModelPromoted promotion, Role role) {
        try (LogContext ignored = LogContext.of(LogContext.PIPELINE, promotion.pipeline(), LogContext.MODEL_VERSION,
                promotion.modelVersion())) {
            return installInContext(slot, promotion, role);
        }
    }

    private Optional<LoadFailure> installInContext(ModelSlot slot, ModelPromoted promotion, Role role) {
        ServingModel next = null;
        try {
            long started = System.nanoTime();
            next = loader.load(promotion);
            checkVersion(next, promotion);
            warmUp(next);
            Optional<String> replaced = slot.install(next, promotion, clock.instant());
            if (role == Role.CHAMPION) {
                meters.counter("flywheel_inference_model_swaps", "pipeline", promotion.pipeline()).increment();
            } else {
                meters.counter("flywheel_inference_shadow_model_loads", "pipeline", promotion.pipeline(),
                        "outcome", "ok").increment();
            }
            LOG.infof("pipeline %s now %s model %s (was %s); loaded and warmed up in %d ms", promotion.pipeline(),
                    role == Role.CHAMPION ? "served by" : "shadowed by challenger", promotion.modelVersion(),
                    replaced.orElse("none"), (System.nanoTime() - started) / 1_000_000);
            return Optional.empty();
        } catch (Exception | LinkageError e) {
            // LinkageError too: a native library that cannot load must not stop the consumer.
            closeQuietly(next);
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            LoadFailure failure = new LoadFailure(promotion.modelVersion(), promotion.artifactUri(), reason,
                    clock.instant());
            slot.failed(failure);
            if (role == Role.CHAMPION) {
                meters.counter("flywheel_inference_model_load_failures", "pipeline", promotion.pipeline()).increment();
            } else {
                meters.counter("flywheel_inference_shadow_model_loads", "pipeline", promotion.pipeline(),
                        "outcome", "failed").increment();
            }
            LOG.errorf(e, "cannot serve model %s of pipeline %s from %s; serving now: %s", promotion.modelVersion(),
                    promotion.pipeline(), promotion.artifactUri(), slot.servingVersion().orElse("no model"));
            return Optional.of(failure);
        }
    }

    private static void checkVersion(ServingModel model, ModelPromoted promotion) {
        if (!promotion.modelVersion().equals(model.version())) {
            throw new IllegalStateException("the artifact at " + promotion.artifactUri() + " is version "
                    + model.version() + ", but the promotion names " + promotion.modelVersion());
        }
    }

    /** The first call of a fresh model is the slow one (lazy native init, allocation); pay it here. */
    private static void warmUp(ServingModel model) {
        double score = model.score(new double[model.featureNames().size()]);
        if (!Double.isFinite(score)) {
            throw new IllegalStateException("warm-up score of model " + model.version() + " is " + score);
        }
    }

    private static void closeQuietly(ServingModel model) {
        if (model == null) {
            return;
        }
        try {
            model.close();
        } catch (RuntimeException e) {
            LOG.warnf(e, "closing model %s, which could not be served, failed too", model.version());
        }
    }
}
