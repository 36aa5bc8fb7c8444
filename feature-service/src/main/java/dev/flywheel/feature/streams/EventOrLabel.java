package dev.flywheel.feature.streams;

import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.LabelReceived;

/** What the router reads: the events and labels topics merged (both keyed by event id, never serialised). */
sealed interface EventOrLabel {

    record Event(EventIngested event) implements EventOrLabel {
    }

    record Label(LabelReceived label) implements EventOrLabel {
    }
}
