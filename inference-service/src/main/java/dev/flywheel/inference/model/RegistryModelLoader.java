package dev.flywheel.inference.model;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.RegistryLayout;
import dev.flywheel.model.registry.ArtifactChecksumException;
import dev.flywheel.model.registry.RegistryClient;
import dev.flywheel.runtime.PlatformConfig;

/**
 * Loads promoted versions from the model registry with model-core's {@link ModelArtifacts#load}.
 *
 * <p>Where the version's folder comes from depends on the promotion's {@code artifactUri}:
 * <ul>
 *   <li>{@code http(s):} (training-service with {@code flywheel.training.public-url} set): model-core's
 *       {@link RegistryClient} downloads the version's files into the model cache, a folder beside the registry
 *       folder ({@code <flywheel.registry-dir>/../model-cache}), checking each file's SHA-256 against the
 *       registry's list; a mismatch fails the load ({@link ArtifactChecksumException}) and the serving model
 *       stays;</li>
 *   <li>{@code file:} or a path to an existing folder: that folder (a disk shared with training);</li>
 *   <li>otherwise the version's place in this instance's registry
 *       ({@code flywheel.registry-dir}/&lt;pipeline&gt;/&lt;version&gt;), so that an instance which mounts the
 *       registry elsewhere than the trainer still finds it.</li>
 * </ul>
 */
@Singleton
public class RegistryModelLoader implements ModelLoader {

    private static final Logger LOG = Logger.getLogger(RegistryModelLoader.class);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);

    private final Path registry;
    private final RegistryClient client;

    @Inject
    public RegistryModelLoader(PlatformConfig config) {
        this(Path.of(config.registryDir()), RegistryClient.create(modelCache(Path.of(config.registryDir())),
                HTTP_TIMEOUT));
    }

    public RegistryModelLoader(Path registry, RegistryClient client) {
        this.registry = registry.toAbsolutePath().normalize();
        this.client = client;
    }

    /** {@code <registry>/../model-cache}: downloaded versions never mix with a registry folder training writes. */
    static Path modelCache(Path registry) {
        Path absolute = registry.toAbsolutePath().normalize();
        return absolute.getParent() == null ? absolute.resolve("model-cache") : absolute.resolveSibling("model-cache");
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
        Optional<URI> http = httpUri(promotion.artifactUri());
        if (http.isPresent()) {
            long started = System.nanoTime();
            Path fetched = client.fetch(http.get());
            LOG.infof("fetched model %s of %s from %s into %s in %d ms", promotion.modelVersion(),
                    promotion.pipeline(), http.get(), fetched, (System.nanoTime() - started) / 1_000_000);
            return fetched;
        }
        return fromUri(promotion.artifactUri()).filter(Files::isDirectory)
                .orElseGet(() -> RegistryLayout.versionDir(registry, promotion.pipeline(), promotion.modelVersion()));
    }

    private static Optional<URI> httpUri(String artifactUri) {
        try {
            URI uri = URI.create(artifactUri);
            return "http".equals(uri.getScheme()) || "https".equals(uri.getScheme()) ? Optional.of(uri)
                    : Optional.empty();
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
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
