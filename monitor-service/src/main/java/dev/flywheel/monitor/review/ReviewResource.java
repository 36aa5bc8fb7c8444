package dev.flywheel.monitor.review;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

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
 * {@code GET /v1/pipelines/{p}/review?day=YYYY-MM-DD&k=20}: the day's highest-scored predictions, highest first,
 * each with its features and its label once one arrived. An analyst's verdict goes to ingest-service's public
 * label endpoint like any other label; this service only shows the queue.
 */
@Authenticated
@Path("/v1/pipelines/{pipeline}/review")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private final PipelineCatalog catalog;
    private final ReviewQueue queue;

    public ReviewResource(PipelineCatalog catalog, ReviewQueue queue) {
        this.catalog = catalog;
        this.queue = queue;
    }

    @GET
    public ReviewQueue.ReviewPage page(@PathParam("pipeline") String pipeline, @QueryParam("day") String day,
                                       @QueryParam("k") Integer k) {
        catalog.require(pipeline);
        int wanted = k == null ? 20 : k;
        if (wanted < 1) {
            throw badRequest("k: must be at least 1 but was " + wanted);
        }
        return queue.page(pipeline, parse(day), wanted);
    }

    private static Optional<LocalDate> parse(String day) {
        if (day == null || day.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(day));
        } catch (DateTimeParseException e) {
            throw badRequest("day: expected a date like 2018-05-01 but got '" + day + "'");
        }
    }

    /** A 400 whose body names the parameter and the reason. */
    private static WebApplicationException badRequest(String message) {
        return new WebApplicationException(Response.status(Response.Status.BAD_REQUEST)
                .entity(Map.of("error", message)).type(MediaType.APPLICATION_JSON).build());
    }
}
