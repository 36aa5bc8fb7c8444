package dev.flywheel.inference.rest;

import dev.flywheel.contracts.event.PredictionMade;

/** What a caller gets for one prediction; the full record goes to the predictions topic. */
public record PredictionAnswer(String predictionId, double score, boolean decision, String modelVersion,
                               String pipeline) {

    static PredictionAnswer of(PredictionMade prediction) {
        return new PredictionAnswer(prediction.eventId(), prediction.score(), prediction.decision(),
                prediction.modelVersion(), prediction.pipeline());
    }
}
