package dev.flywheel.contracts.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;

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
 * @param shadow        true for a challenger's prediction made in shadow beside the serving model's: scored on
 *                      the same row, logged, never returned to the caller. Readers that judge the serving model
 *                      skip these. Absent (false) in predictions logged before the field existed
 */
public record PredictionMade(String eventId, int schemaVersion, String pipeline, String sourceEventId,
                             String modelVersion, double score, boolean decision, Map<String, Double> features,
                             Instant eventTime, Instant predictedAt, long latencyMicros, boolean shadow) {

    public static final int SCHEMA_VERSION = 1;

    @JsonCreator
    public PredictionMade {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(modelVersion, "modelVersion");
    }

    /** A prediction of the serving model (not shadow): the form every producer used before {@code shadow}. */
    public PredictionMade(String eventId, int schemaVersion, String pipeline, String sourceEventId,
                          String modelVersion, double score, boolean decision, Map<String, Double> features,
                          Instant eventTime, Instant predictedAt, long latencyMicros) {
        this(eventId, schemaVersion, pipeline, sourceEventId, modelVersion, score, decision, features, eventTime,
                predictedAt, latencyMicros, false);
    }
}
