package dev.flywheel.feature.rest;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.feature.offline.ExampleExport;
import dev.flywheel.feature.offline.ExampleRowWriter;
import dev.flywheel.feature.offline.ExportFormat;
import dev.flywheel.runtime.PipelineCatalog;
import io.quarkus.security.Authenticated;

/**
 * Exports a time range of a pipeline's training examples (the offline store, {@code flywheel.<p>.examples}) as CSV
 * or NDJSON, streamed as it is read. The topic, partition and offset range of every partition read are in the
 * {@value #RANGES_HEADER} header (a JSON array of {@code OffsetRange}), so a training run can record exactly which
 * records it was given.
 */
@Authenticated
@Path("/v1/pipelines/{pipeline}/examples/export")
public class ExportResource {

    public static final String RANGES_HEADER = "Flywheel-Offset-Ranges";

    private final PipelineCatalog catalog;
    private final ExampleExport export;

    public ExportResource(PipelineCatalog catalog, ExampleExport export) {
        this.catalog = catalog;
        this.export = export;
    }

    /**
     * @param from   first event time exported (inclusive), ISO-8601 instant
     * @param to     end of the range (exclusive), ISO-8601 instant
     * @param format {@code csv} (default) or {@code ndjson}
     */
    @GET
    public Response export(@PathParam("pipeline") String pipeline, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("format") @DefaultValue("csv") String format) {
        PipelineSpec spec = catalog.require(pipeline);
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!start.isBefore(end)) {
            throw new BadRequestException("from must be before to, but from=" + start + " and to=" + end);
        }
        ExportFormat chosen;
        try {
            chosen = ExportFormat.named(format);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        List<String> features = spec.featureNames();
        ExampleExport.Read read = export.open(spec.name(), start, end);
        StreamingOutput body = out -> {
            try (read; ExampleRowWriter rows = chosen.open(out, features)) {
                read.forEach(rows::write);
            }
        };
        return Response.ok(body, chosen.mediaType())
                .header(RANGES_HEADER, json(read))
                .header("Content-Disposition", "attachment; filename=\"" + spec.name() + "-examples."
                        + chosen.extension() + "\"")
                .build();
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(name + " is required: an ISO-8601 instant such as 2024-06-01T00:00:00Z");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant such as 2024-06-01T00:00:00Z but was '"
                    + value + "'");
        }
    }

    private static String json(ExampleExport.Read read) {
        try {
            return Json.mapper().writeValueAsString(read.ranges());
        } catch (JsonProcessingException e) {
            read.close();
            throw new UncheckedIOException(e);
        }
    }
}
