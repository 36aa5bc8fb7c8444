package dev.flywheel.inference.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.runtime.PipelineCatalog;

/**
 * Two {@link ModelSlot}s per pipeline this service runs: the serving model (the champion, which answers) and
 * an optional challenger, scored in shadow and never returned. Promotions for other pipelines are ignored.
 */
@Singleton
public class ServingModels {

    private final Map<String, ModelSlot> slots = new LinkedHashMap<>();
    private final Map<String, ModelSlot> challengers = new LinkedHashMap<>();

    @Inject
    public ServingModels(PipelineCatalog catalog) {
        this(catalog.all().stream().map(PipelineSpec::name).toList());
    }

    ServingModels(Collection<String> pipelines) {
        pipelines.forEach(pipeline -> {
            slots.put(pipeline, new ModelSlot(pipeline));
            challengers.put(pipeline, new ModelSlot(pipeline));
        });
    }

    /** Slots for these pipelines, outside CDI. */
    public static ServingModels of(String... pipelines) {
        return new ServingModels(List.of(pipelines));
    }

    public Optional<ModelSlot> slot(String pipeline) {
        return Optional.ofNullable(slots.get(pipeline));
    }

    /** The serving models' slots. */
    public Collection<ModelSlot> all() {
        return slots.values();
    }

    /** The slot of the pipeline's challenger (empty while none is assigned). */
    public Optional<ModelSlot> challenger(String pipeline) {
        return Optional.ofNullable(challengers.get(pipeline));
    }

    @PreDestroy
    void close() {
        slots.values().forEach(ModelSlot::clear);
        challengers.values().forEach(ModelSlot::clear);
    }
}
