package dev.flywheel.runtime;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.flywheel.contracts.spec.PipelineSpec;
import io.quarkus.security.Authenticated;

/** Every service tells which pipelines it runs, and with which spec. */
@Authenticated
@Path("/v1/pipelines")
@Produces(MediaType.APPLICATION_JSON)
public class PipelinesResource {

    private final PipelineCatalog catalog;

    public PipelinesResource(PipelineCatalog catalog) {
        this.catalog = catalog;
    }

    /** A pipeline in a listing. */
    public record PipelineSummary(String name, String description, List<String> features) {
    }

    @GET
    public List<PipelineSummary> list() {
        return catalog.all().stream()
                .map(spec -> new PipelineSummary(spec.name(), spec.description(), spec.featureNames()))
                .toList();
    }

    @GET
    @Path("/{pipeline}")
    public PipelineSpec spec(@PathParam("pipeline") String pipeline) {
        return catalog.require(pipeline);
    }
}
