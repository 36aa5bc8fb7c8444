package dev.flywheel.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.flywheel.contracts.json.Json;

/**
 * Where things live in the model registry folder:
 * <pre>
 * &lt;registry&gt;/&lt;pipeline&gt;/&lt;version&gt;/model.json      metadata ({@link ModelMetadata})
 * &lt;registry&gt;/&lt;pipeline&gt;/&lt;version&gt;/model.params    network parameters (DJL)
 * &lt;registry&gt;/&lt;pipeline&gt;/promoted.json              the serving version ({@link PromotionRecord}) of a
 *                                                   registry written before training-service's database
 * </pre>
 * Versions are positive integers, increasing per pipeline. The same layout serves as the model cache of
 * {@link dev.flywheel.model.registry.RegistryClient}.
 */
public final class RegistryLayout {

    public static final String PROMOTED_FILE = "promoted.json";

    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    private RegistryLayout() {
    }

    public static boolean isVersion(String text) {
        return text != null && VERSION.matcher(text).matches();
    }

    public static Path pipelineDir(Path registry, String pipeline) {
        return registry.resolve(pipeline);
    }

    public static Path versionDir(Path registry, String pipeline, String version) {
        if (!isVersion(version)) {
            throw new IllegalArgumentException("version must be a positive integer but was '" + version + "'");
        }
        return pipelineDir(registry, pipeline).resolve(version);
    }

    /** The complete versions of a pipeline (folders with metadata), oldest first. */
    public static List<String> versions(Path registry, String pipeline) {
        Path dir = pipelineDir(registry, pipeline);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(child -> isVersion(child.getFileName().toString()))
                    .filter(child -> Files.isRegularFile(child.resolve(ModelArtifacts.METADATA_FILE)))
                    .map(child -> child.getFileName().toString())
                    .sorted(Comparator.comparingLong(Long::parseLong))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One more than the highest version present, or 1. */
    public static String nextVersion(Path registry, String pipeline) {
        List<String> versions = versions(registry, pipeline);
        return versions.isEmpty() ? "1" : Long.toString(Long.parseLong(versions.get(versions.size() - 1)) + 1);
    }

    public static Optional<PromotionRecord> readPromoted(Path registry, String pipeline) {
        Path file = pipelineDir(registry, pipeline).resolve(PROMOTED_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(file.toFile(), PromotionRecord.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the promotion record atomically (write aside, then rename over). */
    public static void writePromoted(Path registry, String pipeline, PromotionRecord record) {
        Path dir = pipelineDir(registry, pipeline);
        Path file = dir.resolve(PROMOTED_FILE);
        Path staging = dir.resolve("." + PROMOTED_FILE + "." + UUID.randomUUID());
        try {
            Files.createDirectories(dir);
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(staging.toFile(), record);
            Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
