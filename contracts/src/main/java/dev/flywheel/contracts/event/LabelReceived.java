package dev.flywheel.contracts.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The ground truth for an earlier event, which may arrive long after it (a fraud is confirmed
 * days after the payment).
 *
 * @param eventId       id of this label record; a label re-sent for the same event and value
 *                      keeps the same id
 * @param targetEventId id of the event it labels (the key of the labels topic, so labels are
 *                      co-partitioned with events, features and predictions)
 * @param value         the label; for a binary task 1 is the positive class
 * @param labelTime     when the truth became known
 * @param receivedAt    when the platform accepted it
 */
public record LabelReceived(String eventId, int schemaVersion, String pipeline, String targetEventId,
                            double value, Instant labelTime, Instant receivedAt) {

    public static final int SCHEMA_VERSION = 1;

    public LabelReceived {
        Objects.requireNonNull(targetEventId, "targetEventId");
        Objects.requireNonNull(labelTime, "labelTime");
    }
}
