package dev.flywheel.contracts.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of the inference service, logged so that it can later be joined with its label.
 *
 * @param eventId       the prediction id returned to the caller
 * @param sourceEventId the event predicted on, when the caller named one (the join key with labels)
 * @param modelVersion  the registry version that answered
 * @param score         the model's output: a probability of the positive class, or the predicted value
 * @param decision      {@code score >= threshold} for a binary task; false for regression
 * @param features      the vector the model saw
 * @param latencyMicros time spent inside the service for this prediction
 */
public record PredictionMade(String eventId, int schemaVersion, String pipeline, String sourceEventId,
                             String modelVersion, double score, boolean decision, Map<String, Double> features,
                             Instant eventTime, Instant predictedAt, long latencyMicros) {

    public static final int SCHEMA_VERSION = 1;

    public PredictionMade {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(modelVersion, "modelVersion");
    }
}
