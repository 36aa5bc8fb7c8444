package dev.flywheel.monitor.data;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.flywheel.runtime.PipelineCatalog;
import io.quarkus.security.Authenticated;

/**
 * {@code GET /v1/pipelines/{p}/drift/data}: the latest {@link DataDriftReport} of the pipeline's served version;
 * 404 naming the reason while there is none (no served version, no reference, too few predictions yet).
 */
@Authenticated
@Path("/v1/pipelines/{pipeline}/drift/data")
@Produces(MediaType.APPLICATION_JSON)
public class DataDriftResource {

    private final PipelineCatalog catalog;
    private final DataDriftMonitor monitor;

    public DataDriftResource(PipelineCatalog catalog, DataDriftMonitor monitor) {
        this.catalog = catalog;
        this.monitor = monitor;
    }

    @GET
    public DataDriftReport latest(@PathParam("pipeline") String pipeline) {
        String name = catalog.require(pipeline).name();
        return monitor.latest(name).orElseThrow(() -> new NotFoundException(
                "no data-drift report for pipeline " + name + " yet: " + monitor.waitingReason(name)));
    }
}
