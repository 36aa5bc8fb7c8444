package dev.flywheel.training.registry;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.PromotionRecord;
import dev.flywheel.model.RegistryLayout;
import dev.flywheel.model.TrainedModel;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.PlatformConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * The model registry folder ({@code flywheel.registry-dir}, layout in model-core's {@link RegistryLayout}):
 * versions with their metadata, and which one is promoted. The folder is the source of truth, so the
 * champion of every pipeline is known again after a restart without reading the models topic.
 */
@Singleton
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final Path root;

    public ModelRegistry(PlatformConfig config) {
        this.root = Path.of(config.registryDir()).toAbsolutePath().normalize();
    }

    void onStart(@Observes StartupEvent start, PipelineCatalog catalog) {
        catalog.all().forEach(spec -> LOG.infof("registry %s: pipeline %s has %d version(s), promoted: %s", root,
                spec.name(), RegistryLayout.versions(root, spec.name()).size(),
                promoted(spec.name()).map(PromotionRecord::version).orElse("none")));
    }

    public Path root() {
        return root;
    }

    /**
     * Stores a model as the pipeline's next version. Synchronised: version numbers are handed out
     * one at a time.
     *
     * @param metadataOfVersion builds the metadata once the version number is known
     */
    public synchronized ModelMetadata register(String pipeline, Function<String, ModelMetadata> metadataOfVersion,
                                               TrainedModel network) {
        String version = RegistryLayout.nextVersion(root, pipeline);
        ModelMetadata metadata = metadataOfVersion.apply(version);
        ModelArtifacts.write(RegistryLayout.versionDir(root, pipeline, version), metadata, network);
        return metadata;
    }

    /** Metadata of every version, oldest first. */
    public List<ModelMetadata> versions(String pipeline) {
        return RegistryLayout.versions(root, pipeline).stream()
                .map(version -> ModelArtifacts.readMetadata(RegistryLayout.versionDir(root, pipeline, version)))
                .toList();
    }

    public Optional<ModelMetadata> version(String pipeline, String version) {
        return RegistryLayout.versions(root, pipeline).contains(version)
                ? Optional.of(ModelArtifacts.readMetadata(RegistryLayout.versionDir(root, pipeline, version)))
                : Optional.empty();
    }

    public Optional<PromotionRecord> promoted(String pipeline) {
        return RegistryLayout.readPromoted(root, pipeline);
    }

    public void promote(String pipeline, PromotionRecord record) {
        RegistryLayout.writePromoted(root, pipeline, record);
    }

    /** The version folder as a {@code file:} URI, as events carry it. */
    public URI artifactUri(String pipeline, String version) {
        return RegistryLayout.versionDir(root, pipeline, version).toUri();
    }

    /** Loads a version to score with; the caller closes it. */
    public LoadedModel load(String pipeline, String version) {
        return ModelArtifacts.load(RegistryLayout.versionDir(root, pipeline, version));
    }
}
