package dev.flywheel.inference.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.inference.model.LoadFailure;
import dev.flywheel.inference.model.ModelSlot;
import dev.flywheel.inference.model.ServingModels;
import dev.flywheel.inference.model.SwapOutcome;
import dev.flywheel.inference.shadow.ShadowAssignments;
import dev.flywheel.model.RegistryLayout;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.security.Roles;
import io.quarkus.security.Authenticated;

/**
 * The challenger scored in shadow beside a pipeline's serving model: {@code GET} shows it, {@code PUT
 * {"version": "42"}} loads that registry version as the challenger (answering once it is loaded, or 422 with
 * the reason it could not be), {@code DELETE} stops shadow scoring.
 */
@Authenticated
@Path("/v1/pipelines/{pipeline}/shadow")
@Produces(MediaType.APPLICATION_JSON)
public class ShadowResource {

    /** What is shadowing a pipeline. */
    public record ShadowStatus(String pipeline, String challenger, LoadFailure lastFailure) {
    }

    /** The body of {@code PUT}. */
    public record ShadowRequest(String version) {
    }

    private final PipelineCatalog catalog;
    private final ServingModels models;
    private final ShadowAssignments assignments;

    public ShadowResource(PipelineCatalog catalog, ServingModels models, ShadowAssignments assignments) {
        this.catalog = catalog;
        this.models = models;
        this.assignments = assignments;
    }

    @GET
    public ShadowStatus status(@PathParam("pipeline") String pipeline) {
        return status(spec(pipeline));
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response assign(@PathParam("pipeline") String pipeline, ShadowRequest request) {
        PipelineSpec spec = spec(pipeline);
        if (request == null || request.version() == null || !RegistryLayout.isVersion(request.version())) {
            throw new WebApplicationException(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                    .entity(ApiError.of("version: a registry version (a positive integer) is required, got "
                            + (request == null ? null : request.version()))).build());
        }
        SwapOutcome outcome = assignments.assign(spec.name(), request.version(), "PUT /v1/pipelines/" + pipeline
                + "/shadow");
        return Response.status(outcome == SwapOutcome.LOAD_FAILED ? 422 : 200).entity(status(spec)).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    public Response clear(@PathParam("pipeline") String pipeline) {
        assignments.clear(spec(pipeline).name());
        return Response.noContent().build();
    }

    private ShadowStatus status(PipelineSpec spec) {
        ModelSlot slot = models.challenger(spec.name()).orElseThrow();
        return new ShadowStatus(spec.name(), slot.servingVersion().orElse(null), slot.lastFailure().orElse(null));
    }

    private PipelineSpec spec(String pipeline) {
        return catalog.find(pipeline).orElseThrow(() -> new WebApplicationException(Response.status(
                Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON).entity(ApiError.of("no pipeline '"
                + pipeline + "'")).build()));
    }
}
