package dev.flywheel.monitor.drift;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.monitor.alert.DriftAlerts;
import dev.flywheel.runtime.PipelineCatalog;
import io.quarkus.security.Authenticated;

/** {@code GET /v1/pipelines/{p}/drift}: the pipeline's recent drift events from {@code flywheel.drift}, newest first. */
@Authenticated
@Path("/v1/pipelines/{pipeline}/drift")
@Produces(MediaType.APPLICATION_JSON)
public class DriftResource {

    private final PipelineCatalog catalog;
    private final DriftAlerts alerts;

    public DriftResource(PipelineCatalog catalog, DriftAlerts alerts) {
        this.catalog = catalog;
        this.alerts = alerts;
    }

    @GET
    public List<DriftDetected> recent(@PathParam("pipeline") String pipeline) {
        return alerts.recent(catalog.require(pipeline).name());
    }
}
