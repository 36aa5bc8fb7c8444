package dev.flywheel.monitor.console;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.flywheel.runtime.PipelineCatalog;
import io.quarkus.security.Authenticated;

/**
 * {@code GET /v1/pipelines/{p}/rejects?limit=50}: the newest records ingest refused for a pipeline, from any source,
 * newest first, each with its violations (field, rule, reason, value), read from the pipeline's rejected topic. The
 * console's Pipelines view shows them; {@code flywheel rejects} prints them.
 */
// Any valid key reads (Roles: every GET is @Authenticated); rejected records are data, so not @PermitAll.
@Authenticated
@Path("/v1/pipelines/{pipeline}/rejects")
@Produces(MediaType.APPLICATION_JSON)
public class RecentRejectsResource {

    private final PipelineCatalog catalog;
    private final RecentRejects rejects;

    public RecentRejectsResource(PipelineCatalog catalog, RecentRejects rejects) {
        this.catalog = catalog;
        this.rejects = rejects;
    }

    /** 400 naming {@code limit} outside 1–500; 404 for an unknown pipeline; 503 when the topic is not read in time. */
    @GET
    public RecentRejects.Page newest(@PathParam("pipeline") String pipeline, @QueryParam("limit") Integer limit) {
        catalog.require(pipeline);
        try {
            return rejects.newest(pipeline, limit == null ? 50 : limit);
        } catch (IllegalArgumentException e) {
            throw failure(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (RecentRejects.NotReadInTime e) {
            throw failure(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    private static WebApplicationException failure(Response.Status status, String message) {
        return new WebApplicationException(Response.status(status).entity(Map.of("error", message))
                .type(MediaType.APPLICATION_JSON).build());
    }
}
