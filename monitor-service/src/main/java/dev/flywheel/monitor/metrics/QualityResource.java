package dev.flywheel.monitor.metrics;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.monitor.drift.ServedModels;
import dev.flywheel.runtime.PipelineCatalog;
import io.quarkus.security.Authenticated;

/**
 * {@code GET /v1/pipelines/{p}/quality?since=&version=}: live quality per model version, over the outcomes
 * each version's window still holds (the latest {@code flywheel.monitor.quality.window}) whose event time is at
 * or after {@code since}. Comparing versions with the same {@code since} compares them on the same period.
 */
@Authenticated
@Path("/v1/pipelines/{pipeline}/quality")
@Produces(MediaType.APPLICATION_JSON)
public class QualityResource {

    private final PipelineCatalog catalog;
    private final QualityBook book;
    private final ServedModels served;

    public QualityResource(PipelineCatalog catalog, QualityBook book, ServedModels served) {
        this.catalog = catalog;
        this.book = book;
        this.served = served;
    }

    /**
     * @param servedVersion the version serving the pipeline now; null before the first promotion
     * @param since         the lower bound on event time that was applied; null for none
     */
    public record QualityReport(String pipeline, String servedVersion, Instant since, List<VersionQuality> versions) {
    }

    /**
     * @param outcomes     outcomes judged (held in the window and not before {@code since})
     * @param positives    of which with the positive label
     * @param outcomesSeen all outcomes of this version this instance has read, including those no longer held
     * @param metrics      metric keyword → value (a regression's with {@code r2}); null where undefined (e.g. no
     *                     positive among the outcomes)
     */
    public record VersionQuality(String modelVersion, boolean served, int outcomes, int positives,
                                 Instant firstEventTime, Instant lastEventTime, long outcomesSeen,
                                 Map<String, Double> metrics) {
    }

    @GET
    public QualityReport quality(@PathParam("pipeline") String pipeline, @QueryParam("since") String since,
                                 @QueryParam("version") String version) {
        PipelineSpec spec = catalog.require(pipeline);
        Instant from = parse(since);
        QualityMetrics metrics = book.metrics(spec.name()).orElseThrow();
        String servedVersion = served.served(spec.name()).map(ServedModels.Served::version).orElse(null);
        List<VersionQuality> versions = new ArrayList<>();
        book.windows(spec.name()).forEach((modelVersion, window) -> {
            if (version == null || version.equals(modelVersion)) {
                OutcomeSample sample = from == null ? window.latest(window.size()) : window.since(from);
                Map<String, Double> values = new LinkedHashMap<>();
                metrics.computeFigures(sample).forEach((key, value) ->
                        values.put(key, Double.isNaN(value) ? null : value));
                versions.add(new VersionQuality(modelVersion, modelVersion.equals(servedVersion), sample.size(),
                        sample.positives(), sample.firstEventTime(), sample.lastEventTime(), window.total(), values));
            }
        });
        return new QualityReport(spec.name(), servedVersion, from, versions);
    }

    private static Instant parse(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("since must be an ISO-8601 instant such as 2018-05-01T00:00:00Z but was '"
                    + since + "'");
        }
    }
}
