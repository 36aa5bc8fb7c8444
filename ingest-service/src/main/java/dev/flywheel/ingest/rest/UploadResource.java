package dev.flywheel.ingest.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.ingest.file.BodyFormat;
import dev.flywheel.ingest.file.RecordKind;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/**
 * File uploads processed in the background: {@code POST .../uploads?kind=events|labels&format=csv|tsv|json|ndjson}
 * with the file as the raw body or as the {@code file} part of {@code multipart/form-data}. The file is
 * written to a temporary file first (the client must not wait for Kafka to get its {@code 202}); the job
 * then reads it as a stream and deletes it. {@code GET .../uploads/{id}} tells how far it got.
 */
@Authenticated
@Path("/v1/pipelines/{pipeline}/uploads")
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {

    private final PipelineCatalog catalog;
    private final UploadJobs jobs;

    public UploadResource(PipelineCatalog catalog, UploadJobs jobs) {
        this.catalog = catalog;
        this.jobs = jobs;
    }

    @RolesAllowed(Roles.INGEST)
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    public Response multipart(@RestPath String pipeline, @RestQuery String kind, @RestQuery String format,
                              @RestForm("file") FileUpload file, @Context UriInfo uri) throws IOException {
        PipelineSpec spec = catalog.require(pipeline);
        RecordKind recordKind = kind(kind);
        if (file == null) {
            throw HttpProblem.of(400, "a multipart upload needs the file in a part named 'file'");
        }
        BodyFormat bodyFormat = format(format)
                .or(() -> BodyFormat.ofFileName(file.fileName()))
                .or(() -> BodyFormat.ofMediaType(file.contentType()))
                .orElseThrow(() -> HttpProblem.of(400, "cannot tell the format of '" + file.fileName()
                        + "'; give ?format=csv|tsv|json|ndjson or a file name ending in one of them"));
        // Quarkus deletes its copy when the request ends; the job outlives the request.
        java.nio.file.Path spooled = Files.createTempFile("flywheel-upload-", ".part");
        Files.move(file.uploadedFile(), spooled, StandardCopyOption.REPLACE_EXISTING);
        return accepted(submit(spec, recordKind, bodyFormat, file.fileName(), spooled), uri);
    }

    @RolesAllowed(Roles.INGEST)
    @POST
    @Blocking
    public Response raw(@RestPath String pipeline, @RestQuery String kind, @RestQuery String format,
                        @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
                        @Context UriInfo uri) throws IOException {
        PipelineSpec spec = catalog.require(pipeline);
        RecordKind recordKind = kind(kind);
        BodyFormat bodyFormat = format(format)
                .or(() -> BodyFormat.ofMediaType(contentType))
                .orElseThrow(() -> HttpProblem.of(415, "cannot tell the format of the body (Content-Type "
                        + contentType + "); give ?format=csv|tsv|json|ndjson or a Content-Type of "
                        + BodyFormat.SUPPORTED));
        java.nio.file.Path spooled = Files.createTempFile("flywheel-upload-", ".part");
        try (var out = Files.newOutputStream(spooled)) {
            body.transferTo(out);
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(spooled);
            throw HttpProblem.of(400, "the upload could not be read to its end: " + e.getMessage());
        }
        return accepted(submit(spec, recordKind, bodyFormat, "(request body)", spooled), uri);
    }

    @GET
    public List<UploadStatus> list(@RestPath String pipeline) {
        catalog.require(pipeline);
        return jobs.list(pipeline).stream().map(UploadJob::status).toList();
    }

    @GET
    @Path("/{id}")
    public UploadStatus status(@RestPath String pipeline, @RestPath String id) {
        catalog.require(pipeline);
        return jobs.find(pipeline, id).map(UploadJob::status)
                .orElseThrow(() -> HttpProblem.of(404, "no upload '" + id + "' of pipeline '" + pipeline
                        + "' (only the most recent jobs are remembered)"));
    }

    /** Hands the spooled file to a job, which deletes it when done; deletes it here if no job takes it. */
    private UploadJob submit(PipelineSpec spec, RecordKind kind, BodyFormat format, String fileName,
                             java.nio.file.Path spooled) throws IOException {
        try {
            return jobs.submit(spec, kind, format, fileName, spooled);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spooled);
            throw e;
        }
    }

    private static Response accepted(UploadJob job, UriInfo uri) {
        URI location = uri.getAbsolutePathBuilder().path(job.id()).build();
        return Response.accepted(job.status()).location(location).build();
    }

    private static RecordKind kind(String kind) {
        return RecordKind.named(kind).orElseThrow(() -> HttpProblem.of(400,
                "query parameter kind must be 'events' or 'labels' but was " + (kind == null ? "missing" : "'" + kind + "'")));
    }

    private static Optional<BodyFormat> format(String format) {
        if (format == null || format.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(BodyFormat.named(format).orElseThrow(() -> HttpProblem.of(400,
                "format '" + format + "' is not supported; use csv, tsv, json or ndjson")));
    }

    /** An unknown pipeline: 404 with a body naming the pipelines that exist. */
    @ServerExceptionMapper
    public Response unknownPipeline(NotFoundException e) {
        return HttpProblem.of(404, e.getMessage()).getResponse();
    }
}
