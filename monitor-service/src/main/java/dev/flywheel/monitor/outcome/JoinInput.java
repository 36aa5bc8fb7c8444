package dev.flywheel.monitor.outcome;

import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.event.PredictionMade;

/** A record of either joined stream, so that one processor sees both in arrival order. Never serialised. */
sealed interface JoinInput {

    record Prediction(PredictionMade event) implements JoinInput {
    }

    record Label(LabelReceived event) implements JoinInput {
    }
}
