package dev.flywheel.training.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

import dev.flywheel.training.eda.CsvProfiler;
import dev.flywheel.training.eda.DatasetProfile;
import dev.flywheel.training.eda.ProfileOptions;

/** Profiles an uploaded CSV, streaming it as it arrives; JSON or the HTML report as for a pipeline. */
@Authenticated
@Path("/v1/profile")
@Blocking
public class UploadProfileResource {

    /**
     * The profile of a CSV sent as the body (a header row; numeric columns profiled, the others counted);
     * {@code label} names a 0/1 column for the label balance and associations. 400 for a malformed file.
     */
    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    public Response upload(InputStream body, @QueryParam("label") String label,
                           @QueryParam("format") @DefaultValue("json") String format) {
        boolean html = ProfileResource.html(format);
        try {
            DatasetProfile profile = CsvProfiler.profile(new InputStreamReader(body, StandardCharsets.UTF_8), label,
                    ProfileOptions.defaults(), "uploaded CSV");
            return ProfileResource.answer(profile, html);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new BadRequestException(ProfileResource.problem("the CSV cannot be profiled: " + e.getMessage()));
        } catch (IOException e) {
            throw new BadRequestException(ProfileResource.problem("the CSV cannot be read: " + e.getMessage()));
        }
    }

}
