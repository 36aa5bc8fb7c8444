package dev.flywheel.inference.shadow;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.inference.config.InferenceConfig;
import dev.flywheel.inference.model.ModelSlot;
import dev.flywheel.inference.model.ModelSwapper;
import dev.flywheel.inference.model.ServingModels;
import dev.flywheel.inference.model.SwapOutcome;
import dev.flywheel.model.RegistryLayout;
import dev.flywheel.runtime.PlatformConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Which registry version is each pipeline's challenger. Sources, all ending in {@link #assign}:
 * {@code flywheel.inference.shadow."<pipeline>"=<version>} at start, {@code PUT /v1/pipelines/{p}/shadow} at
 * run time, and any other signal (a registry alias event, when the registry has them) that calls
 * {@link #assign} or {@link #clear}. A version is loaded like a promotion (from the registry folder's
 * {@code <pipeline>/<version>}), warmed up, and swapped in beside the serving model.
 */
@Singleton
public class ShadowAssignments {

    private static final Logger LOG = Logger.getLogger(ShadowAssignments.class);

    private final ModelSwapper swapper;
    private final ServingModels models;
    private final InferenceConfig config;
    private final Path registry;

    public ShadowAssignments(ModelSwapper swapper, ServingModels models, InferenceConfig config,
                             PlatformConfig platform) {
        this.swapper = swapper;
        this.models = models;
        this.config = config;
        this.registry = Path.of(platform.registryDir()).toAbsolutePath().normalize();
    }

    void onStart(@Observes @Priority(3) StartupEvent start) {
        for (Map.Entry<String, String> configured : config.shadow().entrySet()) {
            SwapOutcome outcome = assign(configured.getKey(), configured.getValue(), "flywheel.inference.shadow");
            LOG.infof("challenger %s of pipeline %s from the configuration: %s", configured.getValue(),
                    configured.getKey(), outcome);
        }
    }

    /**
     * Loads {@code version} as the pipeline's challenger (a no-op when it already is).
     *
     * @param source who asked, for the log and {@code GET .../model}
     */
    public SwapOutcome assign(String pipeline, String version, String source) {
        String artifact = RegistryLayout.versionDir(registry, pipeline, version).toUri().toString();
        return swapper.applyChallenger(new ModelPromoted("challenger-" + pipeline + "-" + version,
                ModelPromoted.SCHEMA_VERSION, pipeline, version, null, artifact, "challenger set by " + source,
                Instant.now()));
    }

    /** No challenger for the pipeline any more: the model closes once its in-flight shadow work is done. */
    public void clear(String pipeline) {
        models.challenger(pipeline).ifPresent(ModelSlot::clear);
    }

    /** The challenger's version, when one is loaded. */
    public Optional<String> challenger(String pipeline) {
        return models.challenger(pipeline).flatMap(ModelSlot::servingVersion);
    }
}
