package dev.flywheel.inference.model;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.RegistryLayout;
import dev.flywheel.runtime.PlatformConfig;

/**
 * Loads promoted versions from the model registry with model-core's {@link ModelArtifacts#load}.
 *
 * <p>The folder is the promotion's {@code artifactUri} when that is a {@code file:} URI or a path to an
 * existing folder; otherwise the version's place in this instance's registry
 * ({@code flywheel.registry-dir}/&lt;pipeline&gt;/&lt;version&gt;), so that an instance which mounts the
 * registry elsewhere than the trainer still finds it.
 */
@Singleton
public class RegistryModelLoader implements ModelLoader {

    private static final Logger LOG = Logger.getLogger(RegistryModelLoader.class);

    private final Path registry;

    public RegistryModelLoader(PlatformConfig config) {
        this.registry = Path.of(config.registryDir()).toAbsolutePath().normalize();
    }

    @Override
    public ServingModel load(ModelPromoted promotion) {
        Path versionDir = versionDir(promotion);
        LoadedModel loaded = ModelArtifacts.load(versionDir);
        if (!loaded.metadata().pipeline().equals(promotion.pipeline())) {
            loaded.close();
            throw new IllegalStateException(versionDir + " holds a model of pipeline " + loaded.metadata().pipeline()
                    + ", not " + promotion.pipeline());
        }
        LOG.debugf("loaded model %s of %s from %s", promotion.modelVersion(), promotion.pipeline(), versionDir);
        return new LoadedServingModel(loaded);
    }

    Path versionDir(ModelPromoted promotion) {
        return fromUri(promotion.artifactUri()).filter(Files::isDirectory)
                .orElseGet(() -> RegistryLayout.versionDir(registry, promotion.pipeline(), promotion.modelVersion()));
    }

    private static Optional<Path> fromUri(String artifactUri) {
        try {
            URI uri = URI.create(artifactUri);
            if ("file".equals(uri.getScheme())) {
                return Optional.of(Path.of(uri));
            }
            return uri.getScheme() == null ? Optional.of(Path.of(artifactUri)) : Optional.empty();
        } catch (IllegalArgumentException notAUriOrPath) {
            return Optional.empty();
        }
    }
}
