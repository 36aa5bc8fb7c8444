package dev.flywheel.feature.streams;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What reaches an entity's history, keyed by the entity value: one of its events, or a fraud-like label of one. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "update")
@JsonSubTypes({@JsonSubTypes.Type(value = EntityUpdate.Observation.class, name = "event"),
        @JsonSubTypes.Type(value = EntityUpdate.PositiveLabel.class, name = "label")})
sealed interface EntityUpdate {

    /**
     * One event of the entity, reduced to what its aggregates read.
     *
     * @param time    event time, epoch milliseconds
     * @param numbers the numeric (or boolean, as 0/1) fields aggregates read; absent when the event lacks one
     * @param texts   the fields {@code distinct_count} reads, as canonical text
     */
    record Observation(String eventId, long time, Map<String, Double> numbers, Map<String, String> texts)
            implements EntityUpdate {
    }

    /**
     * The event {@code eventId} of the entity turned out positive, known from {@code labelTime}. Only positive
     * labels travel: a negative one changes no label aggregate.
     */
    record PositiveLabel(String eventId, long eventTime, long labelTime) implements EntityUpdate {
    }
}
