package dev.flywheel.inference.rest.v2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.spec.FieldViolation;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.inference.ModelsReadiness;
import dev.flywheel.inference.PredictionIds;
import dev.flywheel.inference.Predictions;
import dev.flywheel.inference.config.InferenceConfig;
import dev.flywheel.inference.model.FeatureVector;
import dev.flywheel.inference.model.ModelLease;
import dev.flywheel.inference.model.ModelSlot;
import dev.flywheel.inference.model.ServingModel;
import dev.flywheel.inference.model.ServingModels;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.security.Roles;
import io.quarkus.security.Authenticated;

/**
 * The Open Inference Protocol (KServe v2) over REST, so that existing v2 clients score Flywheel's models
 * unchanged. A model's name is its pipeline's; its one version is the one serving now (an explicit
 * {@code /versions/{v}} must name it). Predictions go through the same path as {@code /v1}: timed, counted
 * and logged to the predictions topic.
 *
 * <p>Inputs: one FP64 tensor per feature, shape {@code [-1]} (what the metadata lists), or a single
 * {@code features} tensor of shape {@code [n, width]}; see {@link TensorRows}. Outputs: {@code score} (FP64),
 * {@code decision} (BOOL) and {@code prediction_id} (BYTES), one element per row.
 *
 * <p>Every refusal is {@code {"error": "..."}}: 404 for an unknown model or version, 503 while no model
 * serves, 400 naming each wrong input, 413 for more rows than {@code flywheel.inference.max-batch-size}.
 * Health answers are 200 when true and 503 when false (clients test for 200).
 */
@Authenticated
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class OpenInferenceResource {

    static final String SCORE = "score";
    static final String DECISION = "decision";
    static final String PREDICTION_ID = "prediction_id";
    private static final List<String> OUTPUTS = List.of(SCORE, DECISION, PREDICTION_ID);

    private final PipelineCatalog catalog;
    private final ServingModels models;
    private final Predictions predictions;
    private final InferenceConfig config;
    private final ModelsReadiness readiness;
    private final String serverVersion;

    public OpenInferenceResource(PipelineCatalog catalog, ServingModels models, Predictions predictions,
                                 InferenceConfig config, @Readiness ModelsReadiness readiness,
                                 @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
                                 String serverVersion) {
        this.catalog = catalog;
        this.models = models;
        this.predictions = predictions;
        this.config = config;
        this.readiness = readiness;
        this.serverVersion = serverVersion;
    }

    @GET
    public ServerMetadataResponse server() {
        return new ServerMetadataResponse("flywheel-inference", serverVersion, List.of());
    }

    @PermitAll
    @GET
    @Path("/health/live")
    public Map<String, Boolean> live() {
        return Map.of("live", true);
    }

    @PermitAll
    @GET
    @Path("/health/ready")
    public Response ready() {
        boolean ready = readiness.call().getStatus() == HealthCheckResponse.Status.UP;
        return Response.status(ready ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(Map.of("ready", ready)).build();
    }

    @GET
    @Path("/models/{name}")
    public Response metadata(@PathParam("name") String name) {
        return metadata(name, null);
    }

    @GET
    @Path("/models/{name}/versions/{version}")
    public Response metadata(@PathParam("name") String name, @PathParam("version") String version) {
        try (ModelLease lease = lease(name, version)) {
            ServingModel model = lease.model();
            List<ModelMetadataResponse.TensorMetadata> inputs = model.featureNames().stream()
                    .map(feature -> new ModelMetadataResponse.TensorMetadata(feature, "FP64", List.of(-1L)))
                    .toList();
            List<ModelMetadataResponse.TensorMetadata> outputs = List.of(
                    new ModelMetadataResponse.TensorMetadata(SCORE, "FP64", List.of(-1L)),
                    new ModelMetadataResponse.TensorMetadata(DECISION, "BOOL", List.of(-1L)),
                    new ModelMetadataResponse.TensorMetadata(PREDICTION_ID, "BYTES", List.of(-1L)));
            return Response.ok(new ModelMetadataResponse(name, List.of(model.version()), model.platform(), inputs,
                    outputs)).build();
        } catch (Refusal refusal) {
            return refusal.response();
        }
    }

    @GET
    @Path("/models/{name}/ready")
    public Response modelReady(@PathParam("name") String name) {
        return modelReady(name, null);
    }

    @GET
    @Path("/models/{name}/versions/{version}/ready")
    public Response modelReady(@PathParam("name") String name, @PathParam("version") String version) {
        try (ModelLease lease = lease(name, version)) {
            return Response.ok(Map.of("name", name, "ready", true)).build();
        } catch (Refusal refusal) {
            return refusal.response();
        }
    }

    @RolesAllowed(Roles.PREDICT)
    @POST
    @Path("/models/{name}/infer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response infer(@PathParam("name") String name, InferenceRequest request) {
        return infer(name, null, request);
    }

    @RolesAllowed(Roles.PREDICT)
    @POST
    @Path("/models/{name}/versions/{version}/infer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response infer(@PathParam("name") String name, @PathParam("version") String version,
                          InferenceRequest request) {
        long started = System.nanoTime();
        try (ModelLease lease = lease(name, version)) {
            if (request == null) {
                throw new Refusal(Response.Status.BAD_REQUEST, "a JSON object with 'inputs' is required");
            }
            List<String> wanted = wantedOutputs(request);
            List<String> features = lease.model().featureNames();
            TensorRows.Reading reading = TensorRows.read(request.inputs(), features, config.maxBatchSize());
            if (!reading.valid()) {
                throw new Refusal(TensorRows.tooManyRows(reading) ? Response.Status.REQUEST_ENTITY_TOO_LARGE
                        : Response.Status.BAD_REQUEST, "invalid inference request: " + describe(reading.violations()));
            }
            double[][] rows = reading.rows();
            List<PredictionMade> made = rows.length == 0 ? List.of()
                    : predictions.predict(spec(name), lease, queries(rows, features), rows.length == 1
                            ? Predictions.Mode.SINGLE : Predictions.Mode.BATCH, started).predictions();
            return Response.ok(new InferenceResponse(name, lease.model().version(), request.id(),
                    outputs(made, wanted))).build();
        } catch (Refusal refusal) {
            return refusal.response();
        }
    }

    private static List<Predictions.Query> queries(double[][] rows, List<String> features) {
        List<Predictions.Query> queries = new ArrayList<>(rows.length);
        for (double[] row : rows) {
            Map<String, Double> named = new LinkedHashMap<>();
            for (int c = 0; c < row.length; c++) {
                named.put(features.get(c), row[c]);
            }
            queries.add(new Predictions.Query(PredictionIds.next(), new FeatureVector(row, named), null, null));
        }
        return queries;
    }

    private static List<String> wantedOutputs(InferenceRequest request) {
        if (request.outputs() == null || request.outputs().isEmpty()) {
            return OUTPUTS;
        }
        List<String> wanted = new ArrayList<>();
        for (InferenceRequest.RequestedOutput output : request.outputs()) {
            if (output == null || !OUTPUTS.contains(output.name())) {
                throw new Refusal(Response.Status.BAD_REQUEST, "unknown output '" + (output == null ? null
                        : output.name()) + "'; the model's outputs are " + OUTPUTS);
            }
            wanted.add(output.name());
        }
        return wanted;
    }

    private static List<InferenceResponse.OutputTensor> outputs(List<PredictionMade> made, List<String> wanted) {
        List<Long> shape = List.of((long) made.size());
        List<InferenceResponse.OutputTensor> outputs = new ArrayList<>(wanted.size());
        for (String name : wanted) {
            outputs.add(switch (name) {
                case SCORE -> new InferenceResponse.OutputTensor(SCORE, "FP64", shape,
                        made.stream().map(PredictionMade::score).toList());
                case DECISION -> new InferenceResponse.OutputTensor(DECISION, "BOOL", shape,
                        made.stream().map(PredictionMade::decision).toList());
                default -> new InferenceResponse.OutputTensor(PREDICTION_ID, "BYTES", shape,
                        made.stream().map(PredictionMade::eventId).toList());
            });
        }
        return outputs;
    }

    private static String describe(List<FieldViolation> violations) {
        return violations.stream().map(v -> v.field() + ": " + v.reason()).collect(Collectors.joining("; "));
    }

    private PipelineSpec spec(String name) {
        return catalog.find(name).orElseThrow(() -> new Refusal(Response.Status.NOT_FOUND, "no model '" + name
                + "'; models are named after pipelines: " + catalog.all().stream().map(PipelineSpec::name).toList()));
    }

    /** A lease on the serving model of pipeline {@code name}; {@code version}, when given, must be its version. */
    private ModelLease lease(String name, String version) {
        PipelineSpec spec = spec(name);
        Optional<ModelSlot> slot = models.slot(spec.name());
        ModelLease lease = slot.flatMap(ModelSlot::acquire).orElseThrow(() -> new Refusal(
                Response.Status.SERVICE_UNAVAILABLE, "no version of model '" + name + "' serves yet"
                + slot.flatMap(ModelSlot::lastFailure).map(f -> ": version " + f.modelVersion()
                        + " could not be loaded: " + f.reason()).orElse(": none promoted yet")));
        if (version != null && !version.equals(lease.model().version())) {
            String serving = lease.model().version();
            lease.close();
            throw new Refusal(Response.Status.NOT_FOUND, "version " + version + " of model '" + name
                    + "' is not served here; the serving version is " + serving);
        }
        return lease;
    }

    /** A refusal in the protocol's error shape. */
    private static final class Refusal extends RuntimeException {
        private final Response.Status status;

        Refusal(Response.Status status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        Response response() {
            return Response.status(status).entity(new OpenInferenceError(getMessage()))
                    .type(MediaType.APPLICATION_JSON).build();
        }
    }
}
