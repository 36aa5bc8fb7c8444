package dev.flywheel.training.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.PromotionRecord;
import dev.flywheel.model.RegistryLayout;
import dev.flywheel.model.TrainedModel;
import dev.flywheel.model.registry.ArtifactFile;
import dev.flywheel.model.registry.RegisteredVersion;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.PlatformConfig;
import dev.flywheel.training.config.TrainingConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * The model registry: artifacts in the registry folder ({@code flywheel.registry-dir}, one folder per version
 * as model-core's {@link RegistryLayout} lays it out), metadata in the registry database ({@link RegistryStore}):
 * versions with lineage, every file's size and SHA-256, the aliases {@code champion} and {@code challenger} and
 * the audit of their moves. The database is the source of truth; a registry folder written before it existed
 * (versions and {@code promoted.json} only) is imported at start, so old registries keep working.
 */
@Singleton
public class ModelRegistry {

    /** Who moves the champion when a training run decides to promote. */
    public static final String TRAINING_ACTOR = "training-service";

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final Path root;
    private final RegistryStore store;
    private final Optional<URI> publicUrl;

    @Inject
    public ModelRegistry(PlatformConfig platform, TrainingConfig config, RegistryDatabase database) {
        this(Path.of(platform.registryDir()), new RegistryStore(database.dataSource()), config.publicUrl());
    }

    public ModelRegistry(Path root, RegistryStore store, Optional<URI> publicUrl) {
        this.root = root.toAbsolutePath().normalize();
        this.store = store;
        this.publicUrl = publicUrl;
    }

    void onStart(@Observes StartupEvent start, PipelineCatalog catalog) {
        importFolders();
        catalog.all().forEach(spec -> LOG.infof("registry %s: pipeline %s has %d version(s), champion: %s", root,
                spec.name(), store.versions(spec.name()).size(), champion(spec.name()).orElse("none")));
    }

    public Path root() {
        return root;
    }

    /** Stores a trained model of any family as the pipeline's next version, without lineage. */
    public ModelMetadata register(String pipeline, Function<String, ModelMetadata> metadataOfVersion,
                                  TrainedModel model) {
        return register(pipeline, Lineage.NONE, metadataOfVersion, model);
    }

    /** Stores a trained model of any family as the pipeline's next version. */
    public ModelMetadata register(String pipeline, Lineage lineage, Function<String, ModelMetadata> metadataOfVersion,
                                  TrainedModel model) {
        return register(pipeline, lineage, metadataOfVersion,
                (versionDir, metadata) -> ModelArtifacts.write(versionDir, metadata, model));
    }

    /**
     * Writes the pipeline's next version with {@code writer} (which must create the folder it is given, with
     * {@value ModelArtifacts#METADATA_FILE} in it), then records it and the size and SHA-256 of each of its
     * files. Synchronised: version numbers are handed out one at a time.
     *
     * @param metadataOfVersion builds the metadata once the version number is known
     * @throws UnrecordedVersionException when the folder was written but the database did not record it: the
     *                                    folder is kept, for {@link #record} to record once the database is back
     */
    public synchronized ModelMetadata register(String pipeline, Lineage lineage,
                                               Function<String, ModelMetadata> metadataOfVersion,
                                               BiConsumer<Path, ModelMetadata> writer) {
        long next = Math.max(store.maxVersion(pipeline), highestFolder(pipeline)) + 1;
        String version = Long.toString(next);
        ModelMetadata metadata = metadataOfVersion.apply(version);
        Path versionDir = versionDir(pipeline, version);
        writer.accept(versionDir, metadata);
        try {
            return record(pipeline, version, lineage);
        } catch (RegistryStoreException e) {
            throw new UnrecordedVersionException(pipeline, version, e);
        }
    }

    /**
     * Records a version whose folder is written: its metadata as written and the size and SHA-256 of each file.
     * A version the database holds already (its insert committed though the answer was lost) is left as it is,
     * so recording again after a failure never makes a second row.
     */
    public synchronized ModelMetadata record(String pipeline, String version, Lineage lineage) {
        Path versionDir = versionDir(pipeline, version);
        // As written: the families add each artifact file's SHA-256 to the metadata they store.
        ModelMetadata written = ModelArtifacts.readMetadata(versionDir);
        if (stored(pipeline, version).isEmpty()) {
            store.insertVersion(stored(written, lineage, readMetadataJson(versionDir), Instant.now()),
                    filesIn(versionDir));
        }
        return written;
    }

    /**
     * Records files written into a version's folder after it was registered (e.g. its data profile);
     * files recorded already keep their first checksum.
     */
    public List<ArtifactFile> recordFiles(String pipeline, String version) {
        long number = number(version);
        List<String> known = store.files(pipeline, number).stream().map(ArtifactFile::name).toList();
        return store.addFiles(pipeline, number, filesIn(versionDir(pipeline, version), known));
    }

    /** Metadata of every version, oldest first. */
    public List<ModelMetadata> versions(String pipeline) {
        return store.versions(pipeline).stream().map(ModelRegistry::metadataOf).toList();
    }

    public Optional<ModelMetadata> version(String pipeline, String version) {
        return stored(pipeline, version).map(ModelRegistry::metadataOf);
    }

    /** Every version as the registry serves it (files included), newest first. */
    public List<RegisteredVersion> describeAll(String pipeline) {
        Map<Long, List<String>> aliases = aliasesByVersion(pipeline);
        List<RegisteredVersion> described = new ArrayList<>();
        List<StoredVersion> versions = new ArrayList<>(store.versions(pipeline));
        Collections.reverse(versions);
        for (StoredVersion version : versions) {
            described.add(describe(version, aliases.getOrDefault(version.version(), List.of())));
        }
        return described;
    }

    public Optional<RegisteredVersion> describe(String pipeline, String version) {
        return stored(pipeline, version).map(stored -> describe(stored,
                aliasesByVersion(pipeline).getOrDefault(stored.version(), List.of())));
    }

    /** Alias name to version, e.g. {@code {champion: "3", challenger: "4"}}. */
    public Map<String, String> aliases(String pipeline) {
        Map<String, String> aliases = new LinkedHashMap<>();
        store.aliases(pipeline).forEach((alias, version) -> aliases.put(alias, Long.toString(version)));
        return aliases;
    }

    public Optional<String> champion(String pipeline) {
        return Optional.ofNullable(aliases(pipeline).get(Alias.CHAMPION.keyword()));
    }

    /** The champion, with why and when it became champion (its latest move). */
    public Optional<PromotionRecord> promoted(String pipeline) {
        return champion(pipeline).map(version -> store.history(pipeline, Optional.of(Alias.CHAMPION.keyword()))
                .stream().filter(move -> move.toVersion().equals(version)).findFirst()
                .map(move -> new PromotionRecord(version, move.fromVersion(), move.reason(), move.movedAt()))
                .orElseGet(() -> new PromotionRecord(version, null, null, null)));
    }

    /** A training run's promotion: moves the champion, audited as {@value AliasMove#PROMOTE} by training. */
    public void promote(String pipeline, PromotionRecord record) {
        promote(pipeline, record, move -> {
        });
    }

    /**
     * {@link #promote(String, PromotionRecord)} with {@code beforeCommit} (publishing the promotion) run
     * before the move commits; a failure there leaves the champion as it was.
     */
    public void promote(String pipeline, PromotionRecord record, Consumer<AliasMove> beforeCommit) {
        moveAlias(pipeline, Alias.CHAMPION, record.version(), AliasMove.PROMOTE, TRAINING_ACTOR, record.reason(),
                record.promotedAt() == null ? Instant.now() : record.promotedAt(), beforeCommit);
    }

    /**
     * Points an alias at an existing version and audits the move; {@code beforeCommit} (e.g. publishing the
     * move's event) runs before the move is committed, and a failure there undoes it.
     *
     * @return the move, or empty when the alias pointed at {@code version} already
     * @throws UnknownVersionException when the pipeline has no such version
     */
    public synchronized Optional<AliasMove> moveAlias(String pipeline, Alias alias, String version, String action,
                                                      String actor, String reason, Instant at,
                                                      Consumer<AliasMove> beforeCommit) {
        StoredVersion target = stored(pipeline, version).orElseThrow(() -> new UnknownVersionException(pipeline,
                version));
        return store.moveAlias(pipeline, alias.keyword(), target.version(), action, actor, reason, at, beforeCommit);
    }

    /** Moves of the pipeline's aliases (one alias's when given), newest first. */
    public List<AliasMove> history(String pipeline, Optional<Alias> alias) {
        return store.history(pipeline, alias.map(Alias::keyword));
    }

    /**
     * Where a rollback of the champion goes: the version the current champion replaced when it was last put
     * in place by anything but a rollback. So successive rollbacks walk back through earlier champions
     * (3 → 2 → 1) instead of swapping two versions back and forth.
     */
    public Optional<String> rollbackTarget(String pipeline) {
        Optional<String> current = champion(pipeline);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        return history(pipeline, Optional.of(Alias.CHAMPION)).stream()
                .filter(move -> move.toVersion().equals(current.get()) && !AliasMove.ROLLBACK.equals(move.action()))
                .findFirst()
                .map(AliasMove::fromVersion);
    }

    /** A listed file of a version, to send. */
    public Optional<ServedFile> file(String pipeline, String version, String name) {
        if (stored(pipeline, version).isEmpty() || !ArtifactFile.isName(name)) {
            return Optional.empty();
        }
        return store.files(pipeline, number(version)).stream().filter(file -> file.name().equals(name)).findFirst()
                .map(file -> new ServedFile(file, versionDir(pipeline, version).resolve(name)));
    }

    /**
     * Where other services load a version from: {@code <public-url>/v1/pipelines/{p}/models/{v}} when
     * {@code flywheel.training.public-url} is set, else the version folder as a {@code file:} URI.
     */
    public URI artifactUri(String pipeline, String version) {
        Path folder = versionDir(pipeline, version);
        return publicUrl.map(base -> URI.create(stripSlash(base.toString()) + "/v1/pipelines/" + pipeline
                + "/models/" + version)).orElseGet(folder::toUri);
    }

    public Path versionDir(String pipeline, String version) {
        return RegistryLayout.versionDir(root, pipeline, version);
    }

    /** Loads a version to score with; the caller closes it. */
    public LoadedModel load(String pipeline, String version) {
        return ModelArtifacts.load(versionDir(pipeline, version));
    }

    /**
     * Records what the folder holds and the database lacks: versions written before the database existed
     * (their lineage unknown), files added to a version after it was registered, and the champion of a
     * {@code promoted.json} when the database has none.
     *
     * @return how many versions were imported
     */
    public synchronized int importFolders() {
        int imported = 0;
        for (String pipeline : pipelineFolders()) {
            for (String version : RegistryLayout.versions(root, pipeline)) {
                try {
                    imported += importVersion(pipeline, version) ? 1 : 0;
                } catch (RuntimeException e) {
                    LOG.errorf("registry folder %s could not be imported: %s", versionDir(pipeline, version),
                            e.toString());
                }
            }
            Optional<PromotionRecord> promoted = RegistryLayout.readPromoted(root, pipeline);
            if (promoted.isPresent() && champion(pipeline).isEmpty()
                    && stored(pipeline, promoted.get().version()).isPresent()) {
                PromotionRecord record = promoted.get();
                moveAlias(pipeline, Alias.CHAMPION, record.version(), AliasMove.IMPORT, "import",
                        "imported from " + RegistryLayout.PROMOTED_FILE + ": " + record.reason(),
                        record.promotedAt() == null ? Instant.now() : record.promotedAt(), move -> {
                        });
                LOG.infof("registry: champion of %s imported from %s: version %s", pipeline,
                        RegistryLayout.PROMOTED_FILE, record.version());
            }
        }
        if (imported > 0) {
            LOG.infof("registry: imported %d version(s) from the folder %s", imported, root);
        }
        return imported;
    }

    private boolean importVersion(String pipeline, String version) {
        Path versionDir = versionDir(pipeline, version);
        if (stored(pipeline, version).isPresent()) {
            recordFiles(pipeline, version);
            return false;
        }
        ModelMetadata metadata = ModelArtifacts.readMetadata(versionDir);
        if (!metadata.pipeline().equals(pipeline) || !metadata.version().equals(version)) {
            throw new IllegalStateException("its model.json names pipeline " + metadata.pipeline() + " version "
                    + metadata.version());
        }
        store.insertVersion(stored(metadata, Lineage.NONE, readMetadataJson(versionDir), Instant.now()),
                filesIn(versionDir));
        return true;
    }

    private List<String> pipelineFolders() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).map(child -> child.getFileName().toString())
                    .filter(ArtifactFile::isName).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the registry folder " + root + ": " + e.getMessage(), e);
        }
    }

    private long highestFolder(String pipeline) {
        List<String> versions = RegistryLayout.versions(root, pipeline);
        return versions.isEmpty() ? 0 : Long.parseLong(versions.get(versions.size() - 1));
    }

    private Optional<StoredVersion> stored(String pipeline, String version) {
        return RegistryLayout.isVersion(version) ? store.version(pipeline, Long.parseLong(version)) : Optional.empty();
    }

    private Map<Long, List<String>> aliasesByVersion(String pipeline) {
        Map<Long, List<String>> byVersion = new LinkedHashMap<>();
        store.aliases(pipeline).forEach((alias, version) ->
                byVersion.computeIfAbsent(version, v -> new ArrayList<>()).add(alias));
        return byVersion;
    }

    private RegisteredVersion describe(StoredVersion version, List<String> aliases) {
        return new RegisteredVersion(version.pipeline(), Long.toString(version.version()), version.candidate(),
                version.modelType(), version.trigger(), version.createdAt(), version.params(), version.metrics(),
                version.dataset(), version.specHash(),
                version.parentVersion() == null ? null : Long.toString(version.parentVersion()),
                version.driftEventId(), aliases, store.files(version.pipeline(), version.version()),
                metadataTree(version));
    }

    private static StoredVersion stored(ModelMetadata metadata, Lineage lineage, String metadataJson,
                                        Instant registeredAt) {
        return new StoredVersion(metadata.pipeline(), Long.parseLong(metadata.version()), metadata.candidate(),
                metadata.modelType(), metadata.trigger(), metadata.trainingParams(), metadata.metrics(),
                metadata.dataset(), lineage.specHash(),
                lineage.parentVersion() == null ? null : Long.parseLong(lineage.parentVersion()),
                lineage.driftEventId(), metadataJson,
                metadata.createdAt() == null ? registeredAt : metadata.createdAt(), registeredAt);
    }

    private static ModelMetadata metadataOf(StoredVersion version) {
        try {
            return Json.mapper().readValue(version.metadataJson(), ModelMetadata.class);
        } catch (IOException e) {
            throw new IllegalStateException("the stored model.json of " + version.pipeline() + " version "
                    + version.version() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static JsonNode metadataTree(StoredVersion version) {
        try {
            return Json.mapper().readTree(version.metadataJson());
        } catch (IOException e) {
            throw new IllegalStateException("the stored model.json of " + version.pipeline() + " version "
                    + version.version() + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static String readMetadataJson(Path versionDir) {
        try {
            return Files.readString(versionDir.resolve(ModelArtifacts.METADATA_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + versionDir.resolve(ModelArtifacts.METADATA_FILE) + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<ArtifactFile> filesIn(Path versionDir) {
        return filesIn(versionDir, List.of());
    }

    /** The plain, visible files of a version folder, by name, except those named in {@code skip}. */
    private static List<ArtifactFile> filesIn(Path versionDir, List<String> skip) {
        try (Stream<Path> children = Files.list(versionDir)) {
            return children.filter(Files::isRegularFile)
                    .filter(child -> ArtifactFile.isName(child.getFileName().toString()))
                    .filter(child -> !skip.contains(child.getFileName().toString()))
                    .sorted()
                    .map(ArtifactFile::of)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + versionDir + ": " + e.getMessage(), e);
        }
    }

    private static long number(String version) {
        if (!RegistryLayout.isVersion(version)) {
            throw new IllegalArgumentException("version must be a positive integer but was '" + version + "'");
        }
        return Long.parseLong(version);
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
