package dev.flywheel.training.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

import dev.flywheel.runtime.security.Roles;
import dev.flywheel.training.dataset.DatasetRefusedException;
import dev.flywheel.training.model.TrainingJob;

/**
 * Brings a binary classifier trained elsewhere into the registry: the ONNX file as the body, its feature
 * signature as a query parameter. It is judged on the pipeline's held-out later slice, registered as the
 * next version (type {@code onnx}, {@code ModelRegistered}) and promoted under the usual rules.
 */
@Authenticated
@Path("/v1/pipelines/{pipeline}/models/import")
@Blocking
public class ModelImportResource {

    private static final Logger LOG = Logger.getLogger(ModelImportResource.class);

    private final TrainingJob job;

    public ModelImportResource(TrainingJob job) {
        this.job = job;
    }

    /**
     * {@code POST /v1/pipelines/{p}/models/import?features=tx_amount,tx_during_night&name=my-model&threshold=0.3} with the
     * {@code .onnx} file as an {@code application/octet-stream} body. 201 with the held-out metrics and the
     * promotion decision, {@code Location} the new version; 400 for a signature naming unknown features or
     * a model that does not fit it; 409 when the examples do not make a dataset yet; 404 for an unknown
     * pipeline.
     *
     * @param features the model's inputs in its input order: names of the pipeline's features, comma
     *                 separated or the parameter repeated
     * @param name      recorded as the version's candidate name; default {@code imported}
     * @param threshold the decision threshold to register, in [0, 1]; default: with a {@code business} section the
     *                  value-maximising one on the held-out slice (as for a trained model), else {@code model.threshold}
     */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, "application/onnx"})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importOnnx(@PathParam("pipeline") String pipeline, @QueryParam("features") List<String> features,
                               @QueryParam("name") String name, @QueryParam("threshold") String threshold,
                               InputStream body, @Context UriInfo uri) {
        List<String> signature = features == null ? List.of() : features.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip).filter(value -> !value.isEmpty()).toList();
        if (signature.isEmpty()) {
            throw new BadRequestException(ProfileResource.problem("features is required: the model's inputs in order,"
                    + " e.g. ?features=tx_amount,tx_during_night"));
        }
        String candidate = name == null || name.isBlank() ? "imported" : name.strip();
        if (!candidate.matches("[A-Za-z0-9_-]+")) {
            throw new BadRequestException(ProfileResource.problem("name must be letters, digits, '_' and '-' but was '"
                    + candidate + "'"));
        }
        OptionalDouble decisionThreshold = threshold(threshold);
        byte[] model = read(body);
        if (model.length == 0) {
            throw new BadRequestException(ProfileResource.problem("the body must be the .onnx file; it was empty"));
        }
        try {
            TrainingJob.Imported imported = job.importOnnx(pipeline, candidate, model, signature,
                    decisionThreshold);
            LOG.infof("imported ONNX model %s of pipeline %s as version %s (%s): %s", candidate, pipeline,
                    imported.version(), imported.promoted() ? "promoted" : "not promoted", imported.decision());
            URI location = uri.getBaseUriBuilder().path("v1/pipelines/{p}/models/{v}")
                    .build(pipeline, imported.version());
            return Response.created(location).entity(imported).build();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(ProfileResource.problem("the model cannot be imported: " + e.getMessage()));
        } catch (DatasetRefusedException e) {
            throw new ClientErrorException(Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                    .entity(new ProfileResource.Problem("no dataset to judge the model on yet: " + e.getMessage()))
                    .build());
        }
    }

    /** The supplied decision threshold: a probability the model's score is compared with; empty when none. */
    private static OptionalDouble threshold(String text) {
        if (text == null || text.isBlank()) {
            return OptionalDouble.empty();
        }
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= 0 && value <= 1)) {
            throw new BadRequestException(ProfileResource.problem("threshold must be a number in [0, 1] (the score from"
                    + " which a case is flagged) but was '" + text + "'"));
        }
        return OptionalDouble.of(value);
    }

    private static byte[] read(InputStream body) {
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded model: " + e.getMessage(), e);
        }
    }
}
