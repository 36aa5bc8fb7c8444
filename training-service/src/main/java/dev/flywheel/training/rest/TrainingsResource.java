package dev.flywheel.training.rest;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.security.Roles;
import dev.flywheel.training.model.Submission;
import dev.flywheel.training.model.TrainingRunView;
import dev.flywheel.training.model.TrainingRuns;
import dev.flywheel.training.model.Trigger;
import io.quarkus.security.Authenticated;

/** Training runs of a pipeline: start one on demand, follow its progress, read its report. */
@Authenticated
@Path("/v1/pipelines/{pipeline}/trainings")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingsResource {

    private final PipelineCatalog catalog;
    private final TrainingRuns runs;

    public TrainingsResource(PipelineCatalog catalog, TrainingRuns runs) {
        this.catalog = catalog;
        this.runs = runs;
    }

    /** The answer to a start request. */
    public record RunStarted(String id, String pipeline, String status, URI location) {
    }

    /** Why a start request was refused, and the run that is in the way. */
    public record RunConflict(String message, TrainingRunView activeRun) {
    }

    /**
     * 202 with the run id and its {@code Location}; 409 when a run of the pipeline is already queued or
     * running; 404 for an unknown pipeline.
     */
    @RolesAllowed(Roles.ADMIN)
    @POST
    public Response start(@PathParam("pipeline") String pipeline, @Context UriInfo uri) {
        catalog.require(pipeline);
        Submission submission = runs.submit(pipeline, Trigger.MANUAL, "requested over HTTP");
        if (!submission.accepted()) {
            return Response.status(Response.Status.CONFLICT)
                    .entity(new RunConflict("a training of " + pipeline + " is already "
                            + submission.run().status().name().toLowerCase(Locale.ROOT),
                            submission.run().view()))
                    .build();
        }
        URI location = uri.getAbsolutePathBuilder().path(submission.run().id()).build();
        return Response.accepted(new RunStarted(submission.run().id(), pipeline,
                        submission.run().status().name(), location))
                .location(location)
                .build();
    }

    /** Recent runs, newest first. */
    @GET
    public List<TrainingRunView> list(@PathParam("pipeline") String pipeline) {
        catalog.require(pipeline);
        return runs.runs(pipeline).stream().map(run -> run.view()).toList();
    }

    /** One run: status, progress (percent, steps/s, ETA) while running, the report when finished. */
    @GET
    @Path("/{id}")
    public TrainingRunView get(@PathParam("pipeline") String pipeline, @PathParam("id") String id) {
        catalog.require(pipeline);
        return runs.run(pipeline, id).map(run -> run.view())
                .orElseThrow(() -> new NotFoundException("no training run '" + id + "' of " + pipeline));
    }
}
