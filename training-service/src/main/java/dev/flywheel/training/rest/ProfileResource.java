package dev.flywheel.training.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.Blocking;

import dev.flywheel.training.eda.DatasetProfile;
import dev.flywheel.training.eda.PipelineProfiles;
import dev.flywheel.training.eda.ProfileReport;

/**
 * Data profiles of a pipeline's examples in an event-time range, as JSON ({@link DatasetProfile}) or as a
 * self-contained HTML report ({@code format=html}, or {@code profile.html}). Uploaded files:
 * {@link UploadProfileResource}.
 */
@Path("/v1/pipelines/{pipeline}")
@Blocking
public class ProfileResource {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";

    private final PipelineProfiles profiles;

    public ProfileResource(PipelineProfiles profiles) {
        this.profiles = profiles;
    }

    /**
     * The profile of a pipeline's examples with event time in {@code [from, to)} (ISO-8601 instants, both
     * optional); 404 for an unknown pipeline, 400 for an unreadable instant or format.
     */
    @GET
    @Path("/profile")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    public Response pipeline(@PathParam("pipeline") String pipeline, @QueryParam("from") String from,
                             @QueryParam("to") String to, @QueryParam("format") @DefaultValue("json") String format) {
        boolean html = html(format);
        DatasetProfile profile = profiles.profile(pipeline, instant("from", from), instant("to", to));
        return answer(profile, html);
    }

    /** The same as an HTML report. */
    @GET
    @Path("/profile.html")
    @Produces(MediaType.TEXT_HTML)
    public Response pipelineHtml(@PathParam("pipeline") String pipeline, @QueryParam("from") String from,
                                 @QueryParam("to") String to) {
        return answer(profiles.profile(pipeline, instant("from", from), instant("to", to)), true);
    }

    static Response answer(DatasetProfile profile, boolean html) {
        if (html) {
            return Response.ok(ProfileReport.render(profile), HTML).build();
        }
        return Response.ok(profile, MediaType.APPLICATION_JSON).build();
    }

    static boolean html(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> false;
            case "html" -> true;
            default -> throw new BadRequestException(problem("format '" + format + "' is not json or html"));
        };
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(problem(name + " '" + value + "' is not an ISO-8601 instant such as"
                    + " 2026-11-01T00:00:00Z"));
        }
    }

    static Response problem(String message) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(message)).build();
    }

    /** Why a request was refused. */
    public record Problem(String message) {
    }
}
