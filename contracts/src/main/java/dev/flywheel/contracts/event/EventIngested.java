package dev.flywheel.contracts.event;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event that passed validation against its pipeline's schema and was accepted.
 *
 * @param eventId       the event's own id, read from the spec's {@code eventId} field, so that a
 *                      re-sent event keeps its identity and consumers can drop the duplicate
 * @param schemaVersion version of this record's shape
 * @param pipeline      the pipeline the event belongs to
 * @param eventTime     when the event happened, read from the spec's {@code eventTime} field
 * @param ingestedAt    when the platform accepted it
 * @param source        how it arrived: {@code http}, {@code kafka}, {@code file}, ...
 * @param payload       the event as the producer sent it
 */
public record EventIngested(String eventId, int schemaVersion, String pipeline, Instant eventTime,
                            Instant ingestedAt, String source, JsonNode payload) {

    public static final int SCHEMA_VERSION = 1;

    public EventIngested {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(payload, "payload");
    }

    public static EventIngested of(String eventId, String pipeline, Instant eventTime, Instant ingestedAt,
                                   String source, JsonNode payload) {
        return new EventIngested(eventId, SCHEMA_VERSION, pipeline, eventTime, ingestedAt, source, payload);
    }
}
