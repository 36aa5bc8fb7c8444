package dev.flywheel.contracts.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A prediction joined with the ground truth that arrived for its event: the unit of live quality.
 *
 * @param predictionId the {@link PredictionMade#eventId()} that was judged
 * @param label        the truth
 * @param labelTime    when the truth became known
 */
public record OutcomeObserved(String eventId, int schemaVersion, String pipeline, String predictionId,
                              String sourceEventId, String modelVersion, double score, boolean decision,
                              double label, Instant eventTime, Instant predictedAt, Instant labelTime) {

    public static final int SCHEMA_VERSION = 1;

    public OutcomeObserved {
        Objects.requireNonNull(predictionId, "predictionId");
        Objects.requireNonNull(modelVersion, "modelVersion");
    }
}
