package dev.flywheel.monitor.outcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.event.PredictionMade;

/**
 * What the join knows of one event: every distinct prediction made for it and every distinct label value
 * received, whichever came first. Stored as JSON in the join's window store.
 */
record PendingEvent(List<Prediction> predictions, List<Label> labels) {

    /** Beyond this many predictions for one event (a client re-asking in a loop) further ones are not joined. */
    static final int MAX_PREDICTIONS = 64;

    PendingEvent {
        predictions = List.copyOf(predictions);
        labels = List.copyOf(labels);
    }

    static PendingEvent empty() {
        return new PendingEvent(List.of(), List.of());
    }

    /**
     * The part of a {@link PredictionMade} an outcome repeats.
     *
     * @param amount the prediction's value of the business amount feature; null without one (or in entries stored
     *               before it was kept)
     */
    record Prediction(String predictionId, String modelVersion, double score, boolean decision, Instant eventTime,
                      Instant predictedAt, Double amount) {

        /** @param amountFeature the spec's business amount feature; null without one */
        static Prediction of(PredictionMade made, String amountFeature) {
            Double amount = amountFeature == null || made.features() == null ? null : made.features().get(amountFeature);
            return new Prediction(made.eventId(), made.modelVersion(), made.score(), made.decision(),
                    made.eventTime(), made.predictedAt(), amount);
        }
    }

    record Label(double value, Instant labelTime) {
    }

    /** This event with one more prediction, or empty when it is already known (a re-delivered record). */
    Optional<PendingEvent> with(Prediction prediction) {
        boolean known = predictions.stream().anyMatch(p -> p.predictionId().equals(prediction.predictionId()));
        if (known || predictions.size() >= MAX_PREDICTIONS) {
            return Optional.empty();
        }
        List<Prediction> more = new ArrayList<>(predictions);
        more.add(prediction);
        return Optional.of(new PendingEvent(more, labels));
    }

    /**
     * This event with one more label value, or empty when that value is already known: a label re-sent with
     * the same value joins nothing again; a corrected value joins every prediction once more.
     */
    Optional<PendingEvent> with(Label label) {
        if (labels.stream().anyMatch(l -> l.value() == label.value())) {
            return Optional.empty();
        }
        List<Label> more = new ArrayList<>(labels);
        more.add(label);
        return Optional.of(new PendingEvent(predictions, more));
    }

    /**
     * The outcome of one prediction judged by one label value. Its id names both, so a consumer that sees it
     * twice (a replay) can tell.
     */
    static OutcomeObserved outcome(String pipeline, String sourceEventId, Prediction prediction, Label label) {
        String id = prediction.predictionId() + "~" + BigDecimal.valueOf(label.value()).stripTrailingZeros().toPlainString();
        return new OutcomeObserved(id, OutcomeObserved.SCHEMA_VERSION, pipeline, prediction.predictionId(),
                sourceEventId, prediction.modelVersion(), prediction.score(), prediction.decision(), label.value(),
                prediction.eventTime(), prediction.predictedAt(), label.labelTime(), prediction.amount());
    }

    /** The event time the entry is filed under: a prediction's event time, else a label's time. */
    static long anchorOf(JoinInput input, long recordTimestamp) {
        Instant time = input instanceof JoinInput.Prediction p
                ? firstNonNull(p.event().eventTime(), p.event().predictedAt())
                : ((JoinInput.Label) input).event().labelTime();
        return time == null ? recordTimestamp : time.toEpochMilli();
    }

    private static Instant firstNonNull(Instant first, Instant second) {
        return first != null ? first : second;
    }

    static Label labelOf(LabelReceived received) {
        return new Label(received.value(), received.labelTime());
    }
}
