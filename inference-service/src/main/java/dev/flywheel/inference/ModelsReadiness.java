package dev.flywheel.inference;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.flywheel.inference.messaging.ModelsLogProgress;
import dev.flywheel.inference.model.ModelSlot;
import dev.flywheel.inference.model.ServingModels;

/**
 * Ready when a model is loaded for every pipeline that has a promoted model: this instance has read the
 * model events that were on {@code flywheel.models} when it started, and each pipeline promoted there has
 * a model serving (the newest, or an earlier one when the newest cannot be loaded). A pipeline that was
 * never promoted does not hold readiness back: it answers 503 until its first promotion, which no other
 * instance could do better.
 */
@Readiness
@ApplicationScoped
public class ModelsReadiness implements HealthCheck {

    private final ServingModels models;
    private final ModelsLogProgress progress;

    public ModelsReadiness(ServingModels models, ModelsLogProgress progress) {
        this.models = models;
        this.progress = progress;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("models loaded");
        boolean caughtUp = progress.caughtUp();
        response.withData("model events to read", progress.behind());
        List<ModelSlot> promotedWithoutModel = models.all().stream()
                .filter(slot -> slot.lastPromotion().isPresent() && slot.servingVersion().isEmpty())
                .toList();
        for (ModelSlot slot : models.all()) {
            response.withData(slot.pipeline(), slot.servingVersion().orElse(slot.lastPromotion().isPresent()
                    ? "promoted " + slot.lastPromotion().get().modelVersion() + ", not loaded" : "never promoted"));
        }
        return response.status(caughtUp && promotedWithoutModel.isEmpty()).build();
    }
}
