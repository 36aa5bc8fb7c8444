package dev.flywheel.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectWriter;

import dev.flywheel.contracts.json.Json;

/**
 * Writes and reads one registry version folder ({@code <registry>/<pipeline>/<version>/}):
 * <ul>
 *   <li>{@value #METADATA_FILE}: {@link ModelMetadata} as JSON, with the SHA-256 of every other file;</li>
 *   <li>the family's artifact files ({@link TrainedModel#artifactFiles()}), e.g. {@value #PARAMETERS_FILE}
 *       for a network, {@code model.ubj} for XGBoost, {@code model.onnx}, {@code rule.json}.</li>
 * </ul>
 * {@link #load} dispatches on the metadata's model type ({@link ModelFamilies}) and verifies each file
 * against its recorded checksum. A version is written into a hidden sibling folder and renamed into place,
 * so readers never see a half-written version; an existing version is never overwritten.
 */
public final class ModelArtifacts {

    public static final String METADATA_FILE = "model.json";
    /** The network family's parameters file (DJL format). */
    public static final String PARAMETERS_FILE = NetworkFamily.PARAMETERS_FILE;

    private static final ObjectWriter PRETTY = Json.mapper().writerWithDefaultPrettyPrinter();

    private ModelArtifacts() {
    }

    /**
     * Writes a new version folder: the model's artifact files, then the metadata with their checksums.
     *
     * @return the metadata as written (with the checksums)
     * @throws FileAlreadyExistsException (wrapped) when {@code versionDir} exists
     * @throws IllegalArgumentException   when the metadata does not describe {@code model}
     */
    public static ModelMetadata write(Path versionDir, ModelMetadata metadata, TrainedModel model) {
        model.checkDescribedBy(metadata);
        Path staging = versionDir.resolveSibling("." + versionDir.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            if (Files.exists(versionDir)) {
                throw new FileAlreadyExistsException(versionDir.toString(), null, "registry versions are immutable");
            }
            Files.createDirectories(staging);
            Map<String, String> checksums = new TreeMap<>();
            for (Map.Entry<String, byte[]> file : model.artifactFiles().entrySet()) {
                if (file.getKey().equals(METADATA_FILE) || file.getKey().contains("/") || file.getKey().startsWith(".")) {
                    throw new IllegalArgumentException("artifact file name '" + file.getKey() + "' is not allowed");
                }
                Files.write(staging.resolve(file.getKey()), file.getValue());
                checksums.put(file.getKey(), ArtifactFiles.sha256(file.getValue()));
            }
            ModelMetadata written = metadata.withArtifacts(checksums);
            PRETTY.writeValue(staging.resolve(METADATA_FILE).toFile(), written);
            Files.move(staging, versionDir, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new UncheckedIOException("cannot write model version " + versionDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(staging);
            throw e;
        }
    }

    /** The metadata of a version folder. */
    public static ModelMetadata readMetadata(Path versionDir) {
        try {
            return Json.mapper().readValue(versionDir.resolve(METADATA_FILE).toFile(), ModelMetadata.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + versionDir.resolve(METADATA_FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a version folder into a ready scorer of its family; the caller closes the result.
     *
     * @throws UncheckedIOException     when a file is missing or its checksum does not match
     * @throws IllegalArgumentException when the model type is unknown
     */
    public static LoadedModel load(Path versionDir) {
        ModelMetadata metadata = readMetadata(versionDir);
        ModelFamily family = ModelFamilies.forType(metadata.modelType());
        try {
            Scorer scorer = family.load(metadata, ArtifactFiles.of(versionDir, metadata));
            return new LoadedModel(versionDir, metadata, scorer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model " + versionDir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover hidden .partial folder is never read as a version
        }
    }
}
