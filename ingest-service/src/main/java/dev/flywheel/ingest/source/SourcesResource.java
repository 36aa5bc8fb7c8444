package dev.flywheel.ingest.source;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.SourceSpec;
import dev.flywheel.contracts.spec.SourceSpecs;
import dev.flywheel.contracts.spec.SpecException;
import dev.flywheel.contracts.spec.SpecProblem;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.security.Roles;
import io.quarkus.security.Authenticated;

/**
 * The pull sources of a pipeline over HTTP: their status, a poll on demand, and sources declared at run time.
 *
 * <ul>
 *   <li>{@code GET /v1/pipelines/{p}/sources}: every source with type, state, last and next poll, position,
 *   counts, consecutive failures and last error;</li>
 *   <li>{@code POST /v1/pipelines/{p}/sources/{name}/poll}: poll now (202);</li>
 *   <li>{@code POST /v1/pipelines/{p}/sources}: declare a source, the JSON form of a spec's {@code sources} item;
 *   201, or 400 with every problem. Such a source runs until the service stops (it is not written to the spec).</li>
 * </ul>
 */
@Authenticated
@Path("/v1/pipelines/{pipeline}/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourcesResource {

    private final PipelineCatalog catalog;
    private final SourceSupervisor supervisor;

    public SourcesResource(PipelineCatalog catalog, SourceSupervisor supervisor) {
        this.catalog = catalog;
        this.supervisor = supervisor;
    }

    @GET
    public List<SourceStatus> list(@PathParam("pipeline") String pipeline) {
        catalog.require(pipeline);
        return supervisor.runners(pipeline).stream().map(SourceRunner::status).toList();
    }

    @RolesAllowed(Roles.INGEST)
    @POST
    @Path("/{source}/poll")
    public Response poll(@PathParam("pipeline") String pipeline, @PathParam("source") String source) {
        catalog.require(pipeline);
        SourceRunner runner = supervisor.runner(pipeline, source).orElseThrow(() -> new NotFoundException(
                "pipeline '" + pipeline + "' has no running source '" + source + "'; sources: "
                        + supervisor.runners(pipeline).stream().map(SourceRunner::name).toList()));
        runner.pollNow();
        return Response.accepted(runner.status()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response declare(@PathParam("pipeline") String pipeline, String body) {
        PipelineSpec spec = catalog.require(pipeline);
        List<String> taken = supervisor.runners(pipeline).stream().map(SourceRunner::name).toList();
        SourceSpec source;
        try {
            source = SourceSpecs.parse("POST /v1/pipelines/" + pipeline + "/sources", body, taken);
        } catch (SpecException e) {
            return badRequest(e.problems().stream().map(SpecProblem::toString).toList());
        }
        try {
            SourceRunner runner = supervisor.declare(spec, source);
            return Response.status(Response.Status.CREATED).entity(runner.status()).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return badRequest(List.of(e.getMessage()));
        }
    }

    private static Response badRequest(List<String> problems) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "invalid source", "problems", problems)).build();
    }
}
