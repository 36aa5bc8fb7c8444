package dev.flywheel.feature.streams;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A piece of one event's feature vector, keyed by event id on the way to the assembler: the part computed from
 * the event alone, or the aggregates of one of its entities.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "part")
@JsonSubTypes({@JsonSubTypes.Type(value = VectorPart.Local.class, name = "local"),
        @JsonSubTypes.Type(value = VectorPart.Entity.class, name = "entity")})
sealed interface VectorPart {

    String eventId();

    /**
     * The event's own part, which also says how many entity parts to wait for.
     *
     * @param entities    the event's entity values, for {@code FeaturesComputed.entities}
     * @param features    value and flag features
     * @param fields      numeric event fields that ratios read
     * @param entityParts how many {@link Entity} parts were sent for this event
     */
    record Local(String eventId, Instant eventTime, Map<String, String> entities, Map<String, Double> features,
                 Map<String, Double> fields, int entityParts) implements VectorPart, Routed {
    }

    /** The aggregates grouped by {@code field}, as of the event's time. */
    record Entity(String eventId, String field, Map<String, Double> features) implements VectorPart {
    }
}
