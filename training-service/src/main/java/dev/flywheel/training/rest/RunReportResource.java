package dev.flywheel.training.rest;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

import dev.flywheel.model.RegistryLayout;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.training.model.RunResult;
import dev.flywheel.training.model.TrainingRun;
import dev.flywheel.training.model.TrainingRuns;
import dev.flywheel.training.registry.ModelRegistry;
import dev.flywheel.training.report.RunReportFiles;

/**
 * The report of a training run ({@code report.html}, {@code report.json}), as written next to the version it
 * registered: by run id while the service remembers the run, by version for good. 404 names what is missing: the
 * pipeline, the run, a version the run never registered, or a report (versions registered before reports).
 */
@Authenticated
@jakarta.ws.rs.Path("/v1/pipelines/{pipeline}")
@Blocking
public class RunReportResource {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";

    private final PipelineCatalog catalog;
    private final TrainingRuns runs;
    private final ModelRegistry registry;

    public RunReportResource(PipelineCatalog catalog, TrainingRuns runs, ModelRegistry registry) {
        this.catalog = catalog;
        this.runs = runs;
        this.registry = registry;
    }

    @GET
    @jakarta.ws.rs.Path("/trainings/{id}/report.html")
    @Produces(MediaType.TEXT_HTML)
    public Response runHtml(@PathParam("pipeline") String pipeline, @PathParam("id") String id) {
        return file(pipeline, versionOfRun(pipeline, id), RunReportFiles.HTML, HTML);
    }

    @GET
    @jakarta.ws.rs.Path("/trainings/{id}/report.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response runJson(@PathParam("pipeline") String pipeline, @PathParam("id") String id) {
        return file(pipeline, versionOfRun(pipeline, id), RunReportFiles.JSON, MediaType.APPLICATION_JSON);
    }

    @GET
    @jakarta.ws.rs.Path("/models/{version}/report.html")
    @Produces(MediaType.TEXT_HTML)
    public Response versionHtml(@PathParam("pipeline") String pipeline, @PathParam("version") String version) {
        return file(pipeline, version, RunReportFiles.HTML, HTML);
    }

    @GET
    @jakarta.ws.rs.Path("/models/{version}/report.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response versionJson(@PathParam("pipeline") String pipeline, @PathParam("version") String version) {
        return file(pipeline, version, RunReportFiles.JSON, MediaType.APPLICATION_JSON);
    }

    private String versionOfRun(String pipeline, String id) {
        catalog.require(pipeline);
        TrainingRun run = runs.run(pipeline, id)
                .orElseThrow(() -> new NotFoundException("no training run '" + id + "' of " + pipeline));
        RunResult result = run.result();
        if (result == null || result.version() == null) {
            throw new NotFoundException("training run '" + id + "' of " + pipeline + " registered no version (status "
                    + run.status() + "), so it has no report");
        }
        return result.version();
    }

    private Response file(String pipeline, String version, String name, String type) {
        catalog.require(pipeline);
        if (!RegistryLayout.isVersion(version) || registry.version(pipeline, version).isEmpty()) {
            throw new NotFoundException("no version '" + version + "' of " + pipeline);
        }
        Path file = Path.of(registry.artifactUri(pipeline, version)).resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("version " + version + " of " + pipeline + " has no " + name
                    + " (registered before run reports were written, or writing it failed)");
        }
        return Response.ok(file.toFile(), type).build();
    }
}
