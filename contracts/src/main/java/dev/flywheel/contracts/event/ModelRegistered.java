package dev.flywheel.contracts.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A newly trained model stored in the registry, with what it was trained on and how it scored
 * on the held-out later slice.
 *
 * @param candidate   the spec's candidate name that produced it
 * @param artifactUri where the model artifact lives
 * @param metrics     held-out metrics by name (e.g. average_precision, roc_auc)
 * @param dataset     the topic/partition/offset ranges the dataset was assembled from
 * @param trigger     why it was trained: {@code manual}, {@code schedule}, {@code drift}, {@code bootstrap}
 */
public record ModelRegistered(String eventId, int schemaVersion, String pipeline, String modelVersion,
                              String candidate, String artifactUri, Map<String, Double> metrics,
                              List<OffsetRange> dataset, String trigger, Instant occurredAt)
        implements ModelLifecycleEvent {

    public static final int SCHEMA_VERSION = 1;

    public ModelRegistered {
        Objects.requireNonNull(modelVersion, "modelVersion");
        metrics = Map.copyOf(metrics);
        dataset = List.copyOf(dataset);
    }
}
