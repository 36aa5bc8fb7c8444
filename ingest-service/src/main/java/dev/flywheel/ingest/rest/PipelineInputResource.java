package dev.flywheel.ingest.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.ingest.Ingestion;
import dev.flywheel.ingest.validate.Admission;
import dev.flywheel.runtime.PipelineCatalog;

/**
 * Events and labels over HTTP: one JSON object or an array of them per request. The answer comes
 * after the broker acknowledged every accepted record; 200 when all were accepted, 400 when any
 * was refused (the accepted ones are kept all the same, and the body says which is which).
 */
@Path("/v1/pipelines/{pipeline}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PipelineInputResource {

    private static final String SOURCE = "http";

    private final PipelineCatalog catalog;
    private final Ingestion ingestion;

    public PipelineInputResource(PipelineCatalog catalog, Ingestion ingestion) {
        this.catalog = catalog;
        this.ingestion = ingestion;
    }

    @POST
    @Path("/events")
    public CompletionStage<Response> events(@PathParam("pipeline") String pipeline, String body) {
        PipelineSpec spec = catalog.require(pipeline);
        return admitAll(spec, body, (s, text) -> ingestion.event(s, text, SOURCE)
                .thenApply(verdict -> result(verdict, EventIngested::eventId)));
    }

    @POST
    @Path("/labels")
    public CompletionStage<Response> labels(@PathParam("pipeline") String pipeline, String body) {
        PipelineSpec spec = catalog.require(pipeline);
        return admitAll(spec, body, (s, text) -> ingestion.label(s, text, SOURCE)
                .thenApply(verdict -> result(verdict, LabelReceived::targetEventId)));
    }

    private CompletionStage<Response> admitAll(PipelineSpec spec, String body,
                                               BiFunction<PipelineSpec, String, CompletionStage<PartialResult>> admit) {
        List<CompletableFuture<PartialResult>> pending = new ArrayList<>();
        for (String record : split(body)) {
            pending.add(admit.apply(spec, record).toCompletableFuture());
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<IngestReport.RecordResult> results = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                results.add(pending.get(i).join().at(i));
            }
            IngestReport report = IngestReport.of(results);
            return Response.status(report.rejected() == 0 ? 200 : 400).entity(report).build();
        });
    }

    /**
     * The records of a body: the elements of a top-level array, else the body itself. A body that
     * is not JSON is one record, which admission then refuses with the parser's reason.
     */
    private static List<String> split(String body) {
        try {
            JsonNode node = Json.mapper().readTree(body == null ? "" : body);
            if (node != null && node.isArray()) {
                List<String> records = new ArrayList<>();
                for (JsonNode element : node) {
                    records.add(Json.mapper().writeValueAsString(element));
                }
                return records;
            }
        } catch (JsonProcessingException unreadable) {
            // Falls through: admission reports the syntax error as the record's violation.
        }
        return List.of(body == null ? "" : body);
    }

    private static <T> PartialResult result(Admission<T> verdict, java.util.function.Function<T, String> id) {
        if (verdict instanceof Admission.Accepted<T> accepted) {
            return new PartialResult("accepted", id.apply(accepted.event()), List.of());
        }
        if (verdict instanceof Admission.Duplicate<T> duplicate) {
            return new PartialResult("duplicate", id.apply(duplicate.event()), List.of());
        }
        return new PartialResult("rejected", null, ((Admission.Rejected<T>) verdict).rejection().violations());
    }

    private record PartialResult(String status, String eventId, List<dev.flywheel.contracts.spec.FieldViolation> violations) {
        IngestReport.RecordResult at(int index) {
            return new IngestReport.RecordResult(index, status, eventId, violations);
        }
    }
}
