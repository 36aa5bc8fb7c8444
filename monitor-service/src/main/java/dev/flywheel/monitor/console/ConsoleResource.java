package dev.flywheel.monitor.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.monitor.config.MonitorConfig;
import dev.flywheel.runtime.PipelineCatalog;

/**
 * {@code GET /v1/console}: what the web console (static files under {@code /console/}) needs before its first call:
 * the public base URL of each service ({@code flywheel.monitor.console.*}; the monitor is the console's own origin,
 * an empty base) and the pipelines. The console then calls each service's own API from the browser; the services
 * allow it by CORS (service-runtime's {@code META-INF/microprofile-config.properties}).
 */
// Open: the console reads it before its user has entered a key (service URLs and topic names, no data).
@PermitAll
@Path("/v1/console")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleResource {

    private final MonitorConfig config;
    private final PipelineCatalog catalog;

    public ConsoleResource(MonitorConfig config, PipelineCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    /** The console's settings: service base URLs by name, the pipeline names, and each pipeline's topics. */
    public record ConsoleSettings(Map<String, String> services, List<String> pipelines,
                                  Map<String, List<String>> topics) {
    }

    @GET
    public ConsoleSettings settings() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("ingest", strip(config.console().ingestUrl()));
        services.put("feature", strip(config.console().featureUrl()));
        services.put("training", strip(config.console().trainingUrl()));
        services.put("inference", strip(config.console().inferenceUrl()));
        services.put("monitor", "");
        List<String> pipelines = catalog.all().stream().map(PipelineSpec::name).sorted().toList();
        Map<String, List<String>> topics = new LinkedHashMap<>();
        pipelines.forEach(p -> topics.put(p, Topics.forPipeline(p).stream().map(Topic::name).toList()));
        return new ConsoleSettings(services, pipelines, topics);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
