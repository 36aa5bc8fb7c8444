package dev.flywheel.runtime;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.ws.rs.NotFoundException;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;
import io.quarkus.runtime.Startup;

/**
 * The pipeline specs this service runs, loaded once at start from {@code flywheel.pipelines-dir}.
 * An invalid spec throws here, so the service refuses to start with the file, line and field of
 * each problem instead of failing later on the first event.
 */
@Startup
@Singleton
public class PipelineCatalog {

    private static final Logger LOG = Logger.getLogger(PipelineCatalog.class);

    private final Map<String, PipelineSpec> specs;

    public PipelineCatalog(PlatformConfig config) {
        Path dir = Path.of(config.pipelinesDir()).toAbsolutePath().normalize();
        this.specs = PipelineSpecs.loadDirectory(dir);
        LOG.infof("loaded %d pipeline spec(s) from %s: %s", specs.size(), dir, specs.keySet());
    }

    public Collection<PipelineSpec> all() {
        return specs.values();
    }

    public Optional<PipelineSpec> find(String pipeline) {
        return Optional.ofNullable(specs.get(pipeline));
    }

    /** The spec of {@code pipeline}, or an HTTP 404 that names the pipelines that exist. */
    public PipelineSpec require(String pipeline) {
        return find(pipeline).orElseThrow(() -> new NotFoundException(
                "no pipeline '" + pipeline + "'; known pipelines: " + specs.keySet()));
    }
}
