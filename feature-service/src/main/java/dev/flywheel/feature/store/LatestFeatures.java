package dev.flywheel.feature.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the online store holds per entity value: the aggregates that group by the entity, as computed for the most
 * recent event of it (in event time) that reached its task.
 *
 * @param eventId   the event they were computed for
 * @param eventTime that event's time, epoch milliseconds: the time the values are as of
 * @param features  aggregate name → value, in spec order
 */
public record LatestFeatures(String eventId, long eventTime, Map<String, Double> features) {

    public LatestFeatures {
        Objects.requireNonNull(eventId, "eventId");
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    /**
     * Whether these values should replace {@code stored}: they are as of a time no earlier than it. At the same
     * millisecond the later arrival wins, since its window already held the earlier event.
     */
    public boolean supersedes(LatestFeatures stored) {
        return stored == null || eventTime >= stored.eventTime();
    }
}
