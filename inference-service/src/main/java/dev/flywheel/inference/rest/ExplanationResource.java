package dev.flywheel.inference.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.flywheel.contracts.spec.FieldViolation;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.inference.model.FeatureVector;
import dev.flywheel.inference.model.ModelLease;
import dev.flywheel.inference.model.ModelSlot;
import dev.flywheel.inference.model.ScoreDrivers;
import dev.flywheel.inference.model.ServingModels;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.security.Roles;

/**
 * {@code POST /v1/pipelines/{p}/explain} {@code {"features": {...}}}: the serving model's score of a row and what
 * drove it ({@link ScoreDrivers}), for the console's review queue. Nothing is logged to the predictions topic: an
 * explanation is not a prediction, and its perturbed rows must not reach the monitor's quality or drift windows.
 */
@RolesAllowed(Roles.PREDICT)
@Path("/v1/pipelines/{pipeline}/explain")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ExplanationResource {

    private final PipelineCatalog catalog;
    private final ServingModels models;

    public ExplanationResource(PipelineCatalog catalog, ServingModels models) {
        this.catalog = catalog;
        this.models = models;
    }

    /** The row to explain: every feature the serving model reads, as numbers. */
    public record ExplanationRequest(Map<String, Double> features) {
    }

    @POST
    public ScoreDrivers.Explanation explain(@PathParam("pipeline") String pipeline, ExplanationRequest request) {
        PipelineSpec spec = catalog.find(pipeline).orElseThrow(() -> error(Response.Status.NOT_FOUND,
                ApiError.of("no pipeline '" + pipeline + "'; known pipelines: "
                        + catalog.all().stream().map(PipelineSpec::name).toList())));
        ModelSlot slot = models.slot(spec.name()).orElseThrow(() -> new IllegalStateException(
                "no model slot for loaded pipeline " + spec.name()));
        try (ModelLease lease = slot.acquire().orElseThrow(() -> error(Response.Status.SERVICE_UNAVAILABLE,
                ApiError.of("no model serves pipeline '" + pipeline + "' yet")))) {
            if (request == null || request.features() == null) {
                throw error(Response.Status.BAD_REQUEST, new ApiError("invalid explanation request",
                        List.of(new FieldViolation("features", "an object of the model's features is required"))));
            }
            FeatureVector.Reading reading = FeatureVector.fromNumbers(request.features(), lease.model().featureNames());
            if (!reading.valid()) {
                throw error(Response.Status.BAD_REQUEST, new ApiError("invalid explanation request",
                        reading.violations()));
            }
            return ScoreDrivers.explain(lease.model(), reading.vector().values());
        }
    }

    private static WebApplicationException error(Response.Status status, ApiError error) {
        return new WebApplicationException(Response.status(status).entity(error).type(MediaType.APPLICATION_JSON)
                .build());
    }
}
