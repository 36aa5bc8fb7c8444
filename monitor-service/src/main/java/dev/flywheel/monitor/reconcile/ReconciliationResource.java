package dev.flywheel.monitor.reconcile;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 * {@code GET /v1/pipelines/{p}/reconciliation}: the pipeline's topics counted by event id (a
 * {@link Reconciliation}); {@code POST} with {@code {"eventIds": [...]}} adds each id's counts. 404 for an
 * unknown pipeline, 400 for a bad body, 503 when the topics cannot be read in time.
 */
// POST only carries the ids to count: a read, like the GET.
@Authenticated
@Path("/v1/pipelines/{pipeline}/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    /** Ids per request at most: each is answered in the body. */
    static final int MAX_IDS = 100_000;
    private static final int MAX_SAMPLE = 1_000;

    private final PipelineCatalog catalog;
    private final Reconciler reconciler;

    public ReconciliationResource(PipelineCatalog catalog, Reconciler reconciler) {
        this.catalog = catalog;
        this.reconciler = reconciler;
    }

    /** The event ids to count one by one. */
    public record IdsRequest(List<String> eventIds) {
    }

    @GET
    public Reconciliation reconcile(@PathParam("pipeline") String pipeline,
                                    @QueryParam("sample") @DefaultValue("10") int sample) {
        return run(pipeline, List.of(), sample);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Reconciliation reconcileIds(@PathParam("pipeline") String pipeline,
                                       @QueryParam("sample") @DefaultValue("10") int sample, IdsRequest request) {
        if (request == null || request.eventIds() == null) {
            throw problem(Response.Status.BAD_REQUEST, "eventIds: required, a list of event ids");
        }
        if (request.eventIds().size() > MAX_IDS) {
            throw problem(Response.Status.BAD_REQUEST, "eventIds: at most " + MAX_IDS + " per request, got "
                    + request.eventIds().size());
        }
        if (request.eventIds().stream().anyMatch(id -> id == null || id.isBlank())) {
            throw problem(Response.Status.BAD_REQUEST, "eventIds: each id must be a non-blank string");
        }
        return run(pipeline, request.eventIds(), sample);
    }

    private Reconciliation run(String pipeline, List<String> ids, int sample) {
        if (sample < 0 || sample > MAX_SAMPLE) {
            throw problem(Response.Status.BAD_REQUEST, "sample: must be 0.." + MAX_SAMPLE + ", was " + sample);
        }
        String name = catalog.require(pipeline).name();
        try {
            return reconciler.reconcile(name, ids, sample);
        } catch (ReconciliationTimeout e) {
            throw problem(Response.Status.SERVICE_UNAVAILABLE,
                    "reconciliation of " + name + " did not finish: " + e.getMessage());
        }
    }

    /** An error with its reason in the body ({@code {"error": ...}}), for a client to show as it is. */
    private static WebApplicationException problem(Response.Status status, String message) {
        return new WebApplicationException(message, Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message)).build());
    }
}
