package dev.flywheel.monitor.review;

import java.time.Instant;
import java.util.Map;

/**
 * One prediction in the review queue: what the model saw and said about an event, and the label once one arrived
 * (from the analyst or any other source: the monitor's outcome of the prediction).
 *
 * @param eventId the event predicted on; a label names it ({@code PredictionMade.sourceEventId})
 * @param label   the event's label once joined with this prediction, else null
 */
public record ReviewItem(String predictionId, String eventId, String modelVersion, double score, boolean decision,
                         Instant eventTime, Instant predictedAt, Map<String, Double> features, Double label) {

    ReviewItem withLabel(double value) {
        return new ReviewItem(predictionId, eventId, modelVersion, score, decision, eventTime, predictedAt, features,
                value);
    }
}
