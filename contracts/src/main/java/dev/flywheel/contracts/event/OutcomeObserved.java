package dev.flywheel.contracts.event;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A prediction joined with the ground truth that arrived for its event: the unit of live quality.
 *
 * @param predictionId the {@link PredictionMade#eventId()} that was judged
 * @param label        the truth
 * @param labelTime    when the truth became known
 * @param amount       the prediction's value of the spec's {@code business} amount feature, which the realised
 *                     value of the decision is computed from; null without one (and in outcomes joined before the
 *                     field existed)
 */
public record OutcomeObserved(String eventId, int schemaVersion, String pipeline, String predictionId,
                              String sourceEventId, String modelVersion, double score, boolean decision,
                              double label, Instant eventTime, Instant predictedAt, Instant labelTime, Double amount) {

    public static final int SCHEMA_VERSION = 1;

    @JsonCreator
    public OutcomeObserved {
        Objects.requireNonNull(predictionId, "predictionId");
        Objects.requireNonNull(modelVersion, "modelVersion");
    }

    /** An outcome without an amount: the form every producer used before {@code amount}. */
    public OutcomeObserved(String eventId, int schemaVersion, String pipeline, String predictionId,
                           String sourceEventId, String modelVersion, double score, boolean decision, double label,
                           Instant eventTime, Instant predictedAt, Instant labelTime) {
        this(eventId, schemaVersion, pipeline, predictionId, sourceEventId, modelVersion, score, decision, label,
                eventTime, predictedAt, labelTime, null);
    }
}
