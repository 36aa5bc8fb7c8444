package dev.flywheel.contracts.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The feature vector of one event, computed as of the event's time. The same vector is what a
 * prediction uses and what later joins its label into a training example, so training and serving
 * see the same numbers.
 *
 * @param sourceEventId the event the vector describes
 * @param entities      entity key values of that event (e.g. customer_id, terminal_id)
 * @param features      feature name to value, in the order the pipeline spec declares them
 */
public record FeaturesComputed(String eventId, int schemaVersion, String pipeline, String sourceEventId,
                               Instant eventTime, Instant computedAt, Map<String, String> entities,
                               Map<String, Double> features) {

    public static final int SCHEMA_VERSION = 1;

    public FeaturesComputed {
        Objects.requireNonNull(sourceEventId, "sourceEventId");
        Objects.requireNonNull(features, "features");
    }
}
