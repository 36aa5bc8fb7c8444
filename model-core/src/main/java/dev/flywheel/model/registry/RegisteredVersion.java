package dev.flywheel.model.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.event.OffsetRange;

/**
 * A version as the registry serves it ({@code GET /v1/pipelines/{p}/models/{v}} of training-service) and
 * {@link RegistryClient} reads it: what it is, where it came from, which aliases point at it, and its files
 * with their SHA-256 (each downloadable at {@code .../models/{v}/files/{name}}).
 *
 * @param params        the effective training parameters
 * @param metrics       held-out metrics by name
 * @param dataset       the topic/partition/offset ranges it was trained on
 * @param specHash      SHA-256 of the pipeline spec it was trained under (null when imported from a folder)
 * @param parentVersion the champion when it was trained, or null
 * @param driftEventId  the {@code DriftDetected} that started its training, or null
 * @param aliases       the aliases now pointing at it ({@code champion}, {@code challenger})
 * @param metadata      the version's {@code model.json} as stored
 */
public record RegisteredVersion(String pipeline, String version, String candidate, String modelType, String trigger,
                                Instant createdAt, Map<String, Object> params, Map<String, Double> metrics,
                                List<OffsetRange> dataset, String specHash, String parentVersion, String driftEventId,
                                List<String> aliases, List<ArtifactFile> files, JsonNode metadata) {

    public RegisteredVersion {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(version, "version");
        params = params == null ? Map.of() : params;
        metrics = metrics == null ? Map.of() : metrics;
        dataset = dataset == null ? List.of() : List.copyOf(dataset);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        files = files == null ? List.of() : List.copyOf(files);
    }
}
