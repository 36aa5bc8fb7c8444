package dev.flywheel.feature.streams;

import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.LabelReceived;

/**
 * One side of an example waiting for the other, or the mark that the example was made.
 *
 * @param vector  the vector as emitted, waiting for its label
 * @param label   a label that came before its vector
 * @param settled the example was emitted, or the label refused as too late: nothing more for this event
 */
record PendingExample(FeaturesComputed vector, LabelReceived label, boolean settled) {

    static final PendingExample SETTLED = new PendingExample(null, null, true);
}
