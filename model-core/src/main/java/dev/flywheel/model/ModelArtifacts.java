package dev.flywheel.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectWriter;

import dev.flywheel.contracts.json.Json;

/**
 * Writes and reads one registry version folder ({@code <registry>/<pipeline>/<version>/}):
 * <ul>
 *   <li>{@value #METADATA_FILE}: {@link ModelMetadata} as JSON;</li>
 *   <li>{@value #PARAMETERS_FILE}: the network parameters in DJL's format, readable only by
 *       {@link NetworkShape#newBlock()} of the shape in the metadata.</li>
 * </ul>
 * A version is written into a hidden sibling folder and renamed into place, so readers never see a
 * half-written version; an existing version is never overwritten.
 */
public final class ModelArtifacts {

    public static final String METADATA_FILE = "model.json";
    public static final String PARAMETERS_FILE = "model.params";

    private static final ObjectWriter PRETTY = Json.mapper().writerWithDefaultPrettyPrinter();

    private ModelArtifacts() {
    }

    /**
     * Writes a new version folder.
     *
     * @throws FileAlreadyExistsException (wrapped) when {@code versionDir} exists
     * @throws IllegalArgumentException   when the metadata does not describe {@code network}
     */
    public static void write(Path versionDir, ModelMetadata metadata, TrainedNetwork network) {
        if (!metadata.shape().equals(network.shape()) || !metadata.standardisation().equals(network.standardisation())) {
            throw new IllegalArgumentException("metadata (shape " + metadata.shape() + ") does not describe the network ("
                    + network.shape() + ") or its standardisation");
        }
        Path staging = versionDir.resolveSibling("." + versionDir.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            if (Files.exists(versionDir)) {
                throw new FileAlreadyExistsException(versionDir.toString(), null, "registry versions are immutable");
            }
            Files.createDirectories(staging);
            Files.write(staging.resolve(PARAMETERS_FILE), network.parameters());
            PRETTY.writeValue(staging.resolve(METADATA_FILE).toFile(), metadata);
            Files.move(staging, versionDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new UncheckedIOException("cannot write model version " + versionDir + ": " + e.getMessage(), e);
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

    /** Reads a version folder into a ready scorer; the caller closes the result. */
    public static LoadedModel load(Path versionDir) {
        ModelMetadata metadata = readMetadata(versionDir);
        try (InputStream parameters = Files.newInputStream(versionDir.resolve(PARAMETERS_FILE))) {
            Scorer scorer = NetworkScorer.load(metadata.shape(), metadata.standardisation(), parameters);
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
