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

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

import dev.flywheel.training.dataset.LabelledRow;
import dev.flywheel.training.eda.CleaningOptions;
import dev.flywheel.training.eda.CleaningPlan;
import dev.flywheel.training.eda.DatasetProfile;
import dev.flywheel.training.eda.PipelineProfiles;
import dev.flywheel.training.eda.ProfileOptions;
import dev.flywheel.training.eda.ProfileReport;

/**
 * Data profiles of a pipeline's examples in an event-time range, as JSON ({@link DatasetProfile}) or as a
 * self-contained HTML report ({@code format=html}, or {@code profile.html}). Uploaded files:
 * {@link UploadProfileResource}.
 */
@Authenticated
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

    /** What {@link CleaningPlan} a profile of the examples calls for, and what it would do to them. */
    public record CleaningPreview(CleaningPlan plan, long rowsBefore, long rowsAfter, long droppedRows,
                                  long imputedValues, long clippedValues) {
    }

    /**
     * The cleaning steps for the examples in {@code [from, to)}: {@code nulls} keep, drop_rows, impute_median
     * or impute_mean; {@code outliers} keep, clip or drop_rows (IQR fences); {@code dropCollinear} drops the
     * feature of each collinear pair less associated with the label. A preview: training applies the spec's
     * {@code model.training.cleaning}, fitted on its own training slice.
     */
    @GET
    @Path("/cleaning-plan")
    @Produces(MediaType.APPLICATION_JSON)
    public CleaningPreview cleaningPlan(@PathParam("pipeline") String pipeline, @QueryParam("from") String from,
                                        @QueryParam("to") String to,
                                        @QueryParam("nulls") @DefaultValue("impute_median") String nulls,
                                        @QueryParam("outliers") @DefaultValue("keep") String outliers,
                                        @QueryParam("dropCollinear") @DefaultValue("true") boolean dropCollinear) {
        CleaningOptions options = new CleaningOptions(option(CleaningOptions.Nulls.class, "nulls", nulls),
                option(CleaningOptions.Outliers.class, "outliers", outliers), dropCollinear);
        PipelineProfiles.ExampleRows rows = profiles.rows(pipeline, instant("from", from), instant("to", to));
        DatasetProfile profile = PipelineProfiles.profile(rows.spec(), rows.rows(), rows.source(),
                ProfileOptions.defaults());
        CleaningPlan plan = CleaningPlan.from(profile, rows.spec().featureNames(), options);
        CleaningPlan.Cleaned cleaned = plan.apply(rows.rows().stream().map(LabelledRow::features).toList());
        return new CleaningPreview(plan, rows.rows().size(), cleaned.rows().size(), cleaned.droppedRows(),
                cleaned.imputedValues(), cleaned.clippedValues());
    }

    private static <E extends Enum<E>> E option(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(problem(name + " '" + value + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .toList()));
        }
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
