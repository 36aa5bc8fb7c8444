package dev.flywheel.feature.streams;

import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.LabelReceived;

/** What the example joiner reads: the features and labels topics merged (both keyed by event id). */
sealed interface VectorOrLabel {

    record Vector(FeaturesComputed vector) implements VectorOrLabel {
    }

    record Label(LabelReceived label) implements VectorOrLabel {
    }
}
