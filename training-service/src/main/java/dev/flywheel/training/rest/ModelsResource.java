package dev.flywheel.training.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.PromotionRecord;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.training.registry.ModelRegistry;

/** The registered versions of a pipeline, their held-out metrics, and which one is promoted. */
@Path("/v1/pipelines/{pipeline}/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final PipelineCatalog catalog;
    private final ModelRegistry registry;

    public ModelsResource(PipelineCatalog catalog, ModelRegistry registry) {
        this.catalog = catalog;
        this.registry = registry;
    }

    /** A pipeline's registry. */
    public record ModelListing(String pipeline, String promotedVersion, PromotionRecord promotion,
                               List<ModelVersion> versions) {
    }

    /** One version in a listing; {@code GET .../models/{version}} has all of its metadata. */
    public record ModelVersion(String version, boolean promoted, String candidate, String modelType,
                               Map<String, Double> metrics, String trigger, Instant createdAt, long trainingMillis,
                               int trainingExamples, int holdoutExamples, String artifactUri) {
    }

    /** Versions newest first. */
    @GET
    public ModelListing list(@PathParam("pipeline") String pipeline) {
        catalog.require(pipeline);
        PromotionRecord promotion = registry.promoted(pipeline).orElse(null);
        String promoted = promotion == null ? null : promotion.version();
        List<ModelVersion> versions = registry.versions(pipeline).stream()
                .sorted((a, b) -> Long.compare(Long.parseLong(b.version()), Long.parseLong(a.version())))
                .map(metadata -> new ModelVersion(metadata.version(), metadata.version().equals(promoted),
                        metadata.candidate(), metadata.modelType(), metadata.metrics(), metadata.trigger(),
                        metadata.createdAt(), metadata.trainingDuration().toMillis(), metadata.trainingExamples(),
                        metadata.holdoutExamples(), registry.artifactUri(pipeline, metadata.version()).toString()))
                .toList();
        return new ModelListing(pipeline, promoted, promotion, versions);
    }

    /** The full metadata of one version ({@code model.json}). */
    @GET
    @Path("/{version}")
    public ModelMetadata version(@PathParam("pipeline") String pipeline, @PathParam("version") String version) {
        catalog.require(pipeline);
        return registry.version(pipeline, version)
                .orElseThrow(() -> new NotFoundException("no version '" + version + "' of " + pipeline));
    }
}
