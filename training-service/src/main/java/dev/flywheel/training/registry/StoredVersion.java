package dev.flywheel.training.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.flywheel.contracts.event.OffsetRange;

/**
 * A row of {@code registry_model_version}: the queryable facts of a version, and its whole {@code model.json}
 * as it was when registered.
 */
public record StoredVersion(String pipeline, long version, String candidate, String modelType, String trigger,
                            Map<String, Object> params, Map<String, Double> metrics, List<OffsetRange> dataset,
                            String specHash, Long parentVersion, String driftEventId, String metadataJson,
                            Instant createdAt, Instant registeredAt) {
}
