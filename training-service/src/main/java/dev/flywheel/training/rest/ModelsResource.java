package dev.flywheel.training.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import dev.flywheel.model.PromotionRecord;
import dev.flywheel.model.registry.ArtifactFile;
import dev.flywheel.model.registry.RegisteredVersion;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.training.registry.Alias;
import dev.flywheel.training.registry.ModelRegistry;
import dev.flywheel.training.registry.ServedFile;
import io.quarkus.security.Authenticated;

/**
 * The registered versions of a pipeline: listing, one version with its lineage, aliases and files, and each
 * file's bytes with its SHA-256 in {@code ETag} and {@code Digest} headers. A version's URL is what model
 * events carry as {@code artifactUri} when {@code flywheel.training.public-url} is set, and what model-core's
 * {@code RegistryClient} fetches.
 */
@Authenticated
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
                               Map<String, String> aliases, List<ModelVersion> versions) {
    }

    /** One version in a listing; {@code GET .../models/{version}} has all of it. */
    public record ModelVersion(String version, boolean promoted, List<String> aliases, String candidate,
                               String modelType, Map<String, Double> metrics, String trigger, Instant createdAt,
                               String parentVersion, String driftEventId, String specHash, List<ArtifactFile> files,
                               String artifactUri) {
    }

    /** Versions newest first. */
    @GET
    public ModelListing list(@PathParam("pipeline") String pipeline) {
        catalog.require(pipeline);
        PromotionRecord promotion = registry.promoted(pipeline).orElse(null);
        List<ModelVersion> versions = registry.describeAll(pipeline).stream()
                .map(version -> new ModelVersion(version.version(), version.aliases().contains(Alias.CHAMPION.keyword()),
                        version.aliases(), version.candidate(), version.modelType(), version.metrics(), version.trigger(),
                        version.createdAt(), version.parentVersion(), version.driftEventId(), version.specHash(),
                        version.files(), registry.artifactUri(pipeline, version.version()).toString()))
                .toList();
        return new ModelListing(pipeline, promotion == null ? null : promotion.version(), promotion,
                registry.aliases(pipeline), versions);
    }

    /** One version: what it is, its lineage, its aliases, its files with SHA-256, and its {@code model.json}. */
    @GET
    @Path("/{version}")
    public RegisteredVersion version(@PathParam("pipeline") String pipeline, @PathParam("version") String version) {
        catalog.require(pipeline);
        return registry.describe(pipeline, version).orElseThrow(() -> RegistryProblem.notFound("version",
                "no version '" + version + "' of " + pipeline));
    }

    /**
     * A file of a version. {@code ETag} is its SHA-256 in hex; {@code Digest} (RFC 3230) and {@code Repr-Digest}
     * (RFC 9530) carry it in base64; {@code If-None-Match} with that tag answers 304.
     */
    @GET
    @Path("/{version}/files/{name}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response file(@PathParam("pipeline") String pipeline, @PathParam("version") String version,
                         @PathParam("name") String name, @Context Request request) {
        catalog.require(pipeline);
        registry.describe(pipeline, version).orElseThrow(() -> RegistryProblem.notFound("version",
                "no version '" + version + "' of " + pipeline));
        ServedFile served = registry.file(pipeline, version, name).orElseThrow(() -> RegistryProblem.notFound("name",
                "version " + version + " of " + pipeline + " has no file '" + name + "'"));
        ArtifactFile listed = served.listed();
        EntityTag tag = new EntityTag(listed.sha256());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.tag(tag).build();
        }
        return Response.ok(served.path().toFile(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .tag(tag)
                .header("Digest", "sha-256=" + listed.sha256Base64())
                .header("Repr-Digest", "sha-256=:" + listed.sha256Base64() + ":")
                .header("Content-Disposition", "attachment; filename=\"" + listed.name() + "\"")
                .build();
    }
}
