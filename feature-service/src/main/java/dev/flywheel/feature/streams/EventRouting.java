package dev.flywheel.feature.streams;

import java.util.Map;

import dev.flywheel.contracts.event.LabelReceived;

/**
 * What the router remembers of an event id, until its label can no longer arrive.
 *
 * @param eventTime    epoch milliseconds of the event; null while only its label has been seen
 * @param entities     the event's values of the entities whose aggregates read labels
 * @param earlyLabel   a label that arrived before its event, held until the event comes
 * @param labelSettled a label was taken into account (or refused as too late): later ones are ignored
 */
record EventRouting(Long eventTime, Map<String, String> entities, LabelReceived earlyLabel, boolean labelSettled) {

    static EventRouting labelFirst(LabelReceived label) {
        return new EventRouting(null, Map.of(), label, false);
    }

    boolean eventSeen() {
        return eventTime != null;
    }

    EventRouting settle() {
        return new EventRouting(eventTime, entities, null, true);
    }
}
