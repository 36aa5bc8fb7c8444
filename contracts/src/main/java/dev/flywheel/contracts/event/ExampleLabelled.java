package dev.flywheel.contracts.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A training example: an event's feature vector joined with the label that arrived for it.
 *
 * @param sourceEventId the labelled event
 * @param eventTime     the event's time, by which datasets are split (train on earlier, test on later)
 * @param features      the vector computed when the event happened
 * @param label         the ground truth
 * @param labelTime     when the truth became known
 */
public record ExampleLabelled(String eventId, int schemaVersion, String pipeline, String sourceEventId,
                              Instant eventTime, Map<String, Double> features, double label, Instant labelTime) {

    public static final int SCHEMA_VERSION = 1;

    public ExampleLabelled {
        Objects.requireNonNull(sourceEventId, "sourceEventId");
        Objects.requireNonNull(features, "features");
    }
}
