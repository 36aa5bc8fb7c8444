package dev.flywheel.inference.rest;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.spec.FieldViolation;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.TimestampFormat;
import dev.flywheel.inference.MicroBatcher;
import dev.flywheel.inference.PredictionIds;
import dev.flywheel.inference.Predictions;
import dev.flywheel.inference.config.InferenceConfig;
import dev.flywheel.inference.features.EventRow;
import dev.flywheel.inference.features.OnlineAggregates;
import dev.flywheel.inference.features.OnlineFeatureClient;
import dev.flywheel.inference.model.FeatureVector;
import dev.flywheel.inference.model.ModelLease;
import dev.flywheel.inference.model.ModelSlot;
import dev.flywheel.inference.model.NamedValues;
import dev.flywheel.inference.model.ServingModels;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;

/**
 * Predictions over HTTP with the model serving the pipeline now; each is logged to the pipeline's
 * predictions topic without waiting for the broker.
 *
 * <p>A row is its features, or its raw event, whose aggregates come from feature-service's online store
 * ({@link EventRow}, {@link OnlineFeatureClient}).
 *
 * <p>Checks run in this order: unknown pipeline 404, no model serving yet 503, invalid input 400 (every
 * wrong field named; the serving model's feature list is the reference, the pipeline's schema for events),
 * then the online lookups: feature-service unreachable or too slow 503. A batch is all or nothing.
 */
@Authenticated
@Path("/v1/pipelines/{pipeline}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PredictionResource {

    private final PipelineCatalog catalog;
    private final ServingModels models;
    private final Predictions predictions;
    private final InferenceConfig config;
    private final OnlineFeatureClient lookups;
    private final MicroBatcher batcher;
    private final ObjectMapper json;
    private final FeatureRowReader reader;

    public PredictionResource(PipelineCatalog catalog, ServingModels models, Predictions predictions,
                              InferenceConfig config, OnlineFeatureClient lookups, MicroBatcher batcher,
                              ObjectMapper json) {
        this.batcher = batcher;
        this.json = json;
        this.reader = new FeatureRowReader(json.getFactory());
        this.catalog = catalog;
        this.models = models;
        this.predictions = predictions;
        this.config = config;
        this.lookups = lookups;
    }

    /**
     * Runs on the event loop (no hand-off to a worker thread, which under load cost more than the prediction):
     * a features row is scored at once, together with the rows of concurrent requests when the model is busy
     * ({@link MicroBatcher}; the model's forward pass is tens of microseconds, the prediction log is sent by a
     * thread of its own); an event row is scored when its online lookup answers. The body arrives as bytes: the
     * common shape is read straight into the model's columns ({@link FeatureRowReader}), anything else is bound
     * and checked field by field.
     */
    @RolesAllowed(Roles.PREDICT)
    @POST
    @Path("/predict")
    @NonBlocking
    public CompletionStage<PredictionAnswer> predict(@PathParam("pipeline") String pipeline, byte[] body)
            throws IOException {
        long started = System.nanoTime();
        PipelineSpec spec = spec(pipeline);
        ModelLease lease = lease(spec);
        Row row;
        try {
            row = fastRow(body, lease);
            if (row == null) {
                // Not the common shape, or something in it is wrong: bound and checked field by field as always.
                PredictionRequest request = body.length == 0 ? null : json.readValue(body, PredictionRequest.class);
                if (request == null) {
                    throw new InvalidRequest(List.of(new FieldViolation("$",
                            "a JSON object with 'features' or 'event' is required")));
                }
                row = row(spec, request, lease, "");
            }
        } catch (InvalidRequest e) {
            lease.close();
            throw invalid(e.violations);
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw e;
        }
        if (row.lookup() == null) {
            // Scored with the rows of concurrent requests when the model is busy (MicroBatcher), which closes the lease.
            Predictions.Query query;
            try {
                query = row.query(lease, lookups);
            } catch (RuntimeException e) {
                lease.close();
                throw e;
            }
            return batcher.score(spec, lease, query, started).thenApply(PredictionAnswer::of);
        }
        CompletableFuture<PredictionAnswer> answer = new CompletableFuture<>();
        Row byEvent = row;
        byEvent.lookup().whenComplete((aggregates, error) -> {
            try (lease) {
                answer.complete(answer(spec, lease, byEvent, started));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private PredictionAnswer answer(PipelineSpec spec, ModelLease lease, Row row, long started) {
        return PredictionAnswer.of(predictions.predict(spec, lease, List.of(row.query(lease, lookups)),
                Predictions.Mode.SINGLE, started).predictions().get(0));
    }

    /** A valid features row read by {@link FeatureRowReader}, or null when the body needs the general path. */
    private Row fastRow(byte[] body, ModelLease lease) {
        FeatureRowReader.FastRow fast = reader.read(body, lease.model().featureNames());
        if (fast == null || fast.eventId() != null && fast.eventId().isBlank()) {
            return null;
        }
        Instant eventTime = null;
        if (fast.eventTime() != null) {
            eventTime = TimestampFormat.read(fast.eventTime()).orElse(null);
            if (eventTime == null) {
                return null;
            }
        }
        FeatureVector vector = new FeatureVector(fast.values(), new NamedValues(lease.model().featureNames(),
                fast.values()));
        return new Row(vector, null, null, fast.eventId(), eventTime);
    }

    @RolesAllowed(Roles.PREDICT)
    @POST
    @Path("/predict/batch")
    public List<PredictionAnswer> predictBatch(@PathParam("pipeline") String pipeline, List<PredictionRequest> requests) {
        long started = System.nanoTime();
        PipelineSpec spec = spec(pipeline);
        if (requests != null && requests.size() > config.maxBatchSize()) {
            throw new WebApplicationException(Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                    .entity(ApiError.of(requests.size() + " predictions asked for; at most "
                            + config.maxBatchSize() + " per batch (flywheel.inference.max-batch-size)"))
                    .type(MediaType.APPLICATION_JSON).build());
        }
        try (ModelLease lease = lease(spec)) {
            if (requests == null || requests.isEmpty()) {
                return List.of();
            }
            // Every row is checked (and its online lookup started) before any is awaited: all lookups run side
            // by side, and a wrong batch is refused whole, naming every wrong field.
            List<Row> rows = new ArrayList<>(requests.size());
            List<FieldViolation> violations = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                String prefix = "[" + i + "].";
                if (requests.get(i) == null) {
                    violations.add(new FieldViolation("[" + i + "]", "must be an object with 'features' or 'event'"));
                    continue;
                }
                try {
                    rows.add(row(spec, requests.get(i), lease, prefix));
                } catch (InvalidRequest e) {
                    violations.addAll(e.violations);
                }
            }
            if (!violations.isEmpty()) {
                throw invalid(violations);
            }
            List<Predictions.Query> queries = new ArrayList<>(rows.size());
            for (Row row : rows) {
                queries.add(row.query(lease, lookups));
            }
            return predictions.predict(spec, lease, queries, Predictions.Mode.BATCH, started).predictions().stream()
                    .map(PredictionAnswer::of).toList();
        }
    }

    @GET
    @Path("/model")
    public Response model(@PathParam("pipeline") String pipeline) {
        PipelineSpec spec = spec(pipeline);
        ModelSlot slot = slot(spec);
        Optional<ModelLease> leased = slot.acquire();
        if (leased.isEmpty()) {
            ModelStatus none = new ModelStatus(spec.name(), null, null, null, null,
                    slot.lastPromotion().orElse(null), null, slot.lastFailure().orElse(null));
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(none).build();
        }
        try (ModelLease lease = leased.get()) {
            return Response.ok(new ModelStatus(spec.name(), lease.model().version(), lease.model().featureNames(),
                    lease.model().threshold(), lease.loadedAt(), lease.promotion(), lease.model().metadata(),
                    slot.lastFailure().orElse(null))).build();
        }
    }

    /**
     * Checks one request; a features row is ready to score, an event row has its online lookup started.
     *
     * @param prefix where the request is in the body: empty, or {@code [2].} in a batch
     */
    private Row row(PipelineSpec spec, PredictionRequest request, ModelLease lease, String prefix) {
        List<FieldViolation> violations = new ArrayList<>();
        Instant eventTime = null;
        JsonNode time = request.eventTime();
        if (time != null && !time.isNull()) {
            eventTime = TimestampFormat.read(time).orElse(null);
            if (eventTime == null) {
                violations.add(new FieldViolation(prefix + "eventTime", "not a timestamp: " + TimestampFormat.EXPECTED
                        + ", but got " + time));
            }
        }
        if (request.eventId() != null && request.eventId().isBlank()) {
            violations.add(new FieldViolation(prefix + "eventId", "must not be blank when given"));
        }
        boolean byEvent = request.event() != null && !request.event().isNull();
        if (byEvent && request.features() != null) {
            violations.add(new FieldViolation(prefix + "features", "give either 'features' or 'event', not both"));
            throw new InvalidRequest(violations);
        }
        if (byEvent) {
            EventRow.Reading reading = EventRow.read(spec, request.event(), prefix + "event", eventTime);
            violations.addAll(reading.violations());
            if (!violations.isEmpty()) {
                throw new InvalidRequest(violations);
            }
            EventRow event = reading.row();
            String eventId = request.eventId() != null ? request.eventId() : event.eventId();
            return new Row(null, event, lookups.lookup(spec.name(), event.entities()), eventId, event.eventTime());
        }
        FeatureVector.Reading reading = FeatureVector.fromJson(request.features(), lease.model().featureNames(),
                prefix + "features");
        violations.addAll(reading.violations());
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
        }
        return new Row(reading.vector(), null, null, request.eventId(), eventTime);
    }

    /** A checked request: its vector, or its event and the online lookup of its aggregates. */
    private record Row(FeatureVector vector, EventRow event, CompletableFuture<OnlineAggregates> lookup, String eventId,
                       Instant eventTime) {

        /** The row to score; for an event row, once its lookup answered. */
        Predictions.Query query(ModelLease lease, OnlineFeatureClient lookups) {
            FeatureVector row = vector;
            if (row == null) {
                FeatureVector.Reading reading = FeatureVector.fromNumbers(event.features(lookups.await(lookup)),
                        lease.model().featureNames());
                if (!reading.valid()) {
                    // Not the caller's fault: the model was trained on features this pipeline no longer computes.
                    throw new WebApplicationException(json(Response.Status.SERVICE_UNAVAILABLE, ApiError.of("model "
                            + lease.model().version() + " needs features the pipeline's spec does not compute: "
                            + reading.violations().stream().map(FieldViolation::field).toList())));
                }
                row = reading.vector();
            }
            return new Predictions.Query(PredictionIds.next(), row, eventId, eventTime);
        }
    }

    private PipelineSpec spec(String pipeline) {
        return catalog.find(pipeline).orElseThrow(() -> new WebApplicationException(json(Response.Status.NOT_FOUND,
                ApiError.of("no pipeline '" + pipeline + "'; known pipelines: "
                        + catalog.all().stream().map(PipelineSpec::name).toList()))));
    }

    private ModelSlot slot(PipelineSpec spec) {
        return models.slot(spec.name()).orElseThrow(() -> new IllegalStateException(
                "no model slot for loaded pipeline " + spec.name()));
    }

    private ModelLease lease(PipelineSpec spec) {
        ModelSlot slot = slot(spec);
        return slot.acquire().orElseThrow(() -> new WebApplicationException(json(Response.Status.SERVICE_UNAVAILABLE,
                ApiError.of(noModel(slot)))));
    }

    private static String noModel(ModelSlot slot) {
        String why = slot.lastFailure()
                .map(failure -> "the promoted model " + failure.modelVersion() + " could not be loaded: "
                        + failure.reason())
                .orElse("no model has been promoted on " + Topics.models().name() + " yet");
        return "no model serves pipeline '" + slot.pipeline() + "' yet: " + why;
    }

    private static WebApplicationException invalid(List<FieldViolation> violations) {
        return new WebApplicationException(json(Response.Status.BAD_REQUEST,
                new ApiError("invalid prediction request", List.copyOf(violations))));
    }

    private static Response json(Response.Status status, ApiError error) {
        return Response.status(status).entity(error).type(MediaType.APPLICATION_JSON).build();
    }

    /** Collects the violations of one request of a batch. */
    private static final class InvalidRequest extends RuntimeException {
        private final List<FieldViolation> violations;

        InvalidRequest(List<FieldViolation> violations) {
            super(null, null, false, false);
            this.violations = violations;
        }
    }
}
