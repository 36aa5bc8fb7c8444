package dev.flywheel.ingest.rest;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.ingest.Ingestion;
import dev.flywheel.ingest.file.BodyFormat;
import dev.flywheel.ingest.file.CountingInputStream;
import dev.flywheel.ingest.file.RecordKind;
import dev.flywheel.ingest.file.SourceRecord;
import dev.flywheel.ingest.validate.Admission;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/**
 * Events and labels over HTTP, synchronously: a body of JSON (one object or an array), NDJSON, CSV or
 * TSV, read as a stream record by record. The answer comes after the broker acknowledged every accepted
 * record: 200 when all were accepted, 400 when any was refused (the accepted ones are kept all the same,
 * and the body says which is which), 413 past the body limit, 415 for another Content-Type, 503 with
 * {@code Retry-After} when the service has too many records in flight (the body says where it stopped).
 */
@Authenticated
@Path("/v1/pipelines/{pipeline}")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineInputResource {

    static final String SOURCE = "http";

    private final PipelineCatalog catalog;
    private final Ingestion ingestion;
    private final InFlightBudget budget;
    private final HttpIngestConfig config;

    public PipelineInputResource(PipelineCatalog catalog, Ingestion ingestion, InFlightBudget budget,
                                 HttpIngestConfig config) {
        this.catalog = catalog;
        this.ingestion = ingestion;
        this.budget = budget;
        this.config = config;
    }

    @RolesAllowed(Roles.INGEST)
    @POST
    @Path("/events")
    @Blocking
    public CompletionStage<Response> events(@PathParam("pipeline") String pipeline,
                                            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
                                            InputStream body) throws InterruptedException {
        return ingest(pipeline, RecordKind.EVENTS, contentType, contentLength, body);
    }

    @RolesAllowed(Roles.INGEST)
    @POST
    @Path("/labels")
    @Blocking
    public CompletionStage<Response> labels(@PathParam("pipeline") String pipeline,
                                            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
                                            InputStream body) throws InterruptedException {
        return ingest(pipeline, RecordKind.LABELS, contentType, contentLength, body);
    }

    private CompletionStage<Response> ingest(String pipeline, RecordKind kind, String contentType,
                                             Long contentLength, InputStream body) throws InterruptedException {
        PipelineSpec spec = catalog.require(pipeline);
        BodyFormat format = BodyFormat.ofMediaType(contentType).orElseThrow(() -> HttpProblem.unsupportedType(contentType));
        long limit = config.syncMaxBody().asLongValue();
        if (contentLength != null && contentLength > limit) {
            throw HttpProblem.tooLarge(contentLength, limit);
        }
        int maxRecord = (int) config.maxRecordSize().asLongValue();
        RecordTally tally = new RecordTally(config.reportListed(), 0);
        RecordPump pump = new RecordPump(budget, config.inFlightWait(), maxRecord, admission(ingestion, spec, kind, SOURCE),
                refusal(ingestion, spec, kind, SOURCE));
        RecordPump.Ending ending = pump.run(
                () -> format.open(new CountingInputStream(body, limit), spec, kind, maxRecord), tally, read -> { });
        return tally.settled().thenApply(settled -> respond(tally, ending));
    }

    private Response respond(RecordTally tally, RecordPump.Ending ending) {
        IngestReport report = tally.report(ending.stop());
        return switch (ending.kind()) {
            case BUDGET_EXHAUSTED -> retryLater(report);
            case TOO_LARGE -> Response.status(413).entity(report).build();
            case COMPLETE, UNREADABLE -> tally.failed() > 0 ? retryLater(report)
                    : Response.status(report.rejected() == 0 ? 200 : 400).entity(report).build();
        };
    }

    private Response retryLater(IngestReport report) {
        return Response.status(503).header(HttpHeaders.RETRY_AFTER, config.retryAfterSeconds()).entity(report).build();
    }

    /**
     * Admits one record (its text, or the JSON a streaming reader already parsed) as {@code kind} of {@code spec};
     * answers when the broker answered.
     */
    static RecordPump.Judge admission(Ingestion ingestion, PipelineSpec spec, RecordKind kind, String source) {
        return switch (kind) {
            case EVENTS -> (record, answer) -> {
                Ingestion.Answer<EventIngested> told = (verdict, failure) ->
                        answer.accept(failure == null ? outcome(verdict, EventIngested::eventId) : null, failure);
                if (record.parsed() != null) {
                    ingestion.event(spec, record.parsed(), record.utf8(), source, told);
                } else if (record.utf8() != null) {
                    ingestion.event(spec, record.utf8(), source, told);
                } else {
                    ingestion.event(spec, record.text(), source, told);
                }
            };
            case LABELS -> (record, answer) -> {
                Ingestion.Answer<LabelReceived> told = (verdict, failure) ->
                        answer.accept(failure == null ? outcome(verdict, LabelReceived::targetEventId) : null, failure);
                if (record.parsed() != null) {
                    ingestion.label(spec, record.parsed(), source, told);
                } else {
                    ingestion.label(spec, record.text(), source, told);
                }
            };
        };
    }

    /** Keeps a record refused while it was read on the rejected topic; answers when the broker answered. */
    static RecordPump.Judge refusal(Ingestion ingestion, PipelineSpec spec, RecordKind kind, String source) {
        String what = kind == RecordKind.EVENTS ? "event" : "label";
        return (record, answer) -> ingestion.refused(spec, what, source, record.raw(), record.problem())
                .whenComplete((rejected, failure) ->
                        answer.accept(failure == null ? RecordOutcome.rejected(List.of(record.problem())) : null, failure));
    }

    /** The one place a verdict becomes a per-record result (a new {@link Admission} variant adds a line here). */
    static <T> RecordOutcome outcome(Admission<T> verdict, Function<T, String> id) {
        if (verdict instanceof Admission.Accepted<T> accepted) {
            return RecordOutcome.accepted(id.apply(accepted.event()));
        }
        if (verdict instanceof Admission.Duplicate<T> duplicate) {
            return RecordOutcome.duplicate(id.apply(duplicate.event()));
        }
        return RecordOutcome.rejected(((Admission.Rejected<T>) verdict).rejection().violations());
    }

    /** An unknown pipeline: 404 with a body naming the pipelines that exist. */
    @ServerExceptionMapper
    public Response unknownPipeline(NotFoundException e) {
        return HttpProblem.of(404, e.getMessage()).getResponse();
    }
}
