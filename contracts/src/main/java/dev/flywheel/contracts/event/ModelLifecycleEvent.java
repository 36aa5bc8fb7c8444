package dev.flywheel.contracts.event;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What happens to a model version in the registry; all of a platform's lifecycle events share
 * one topic, keyed by pipeline, so that their order per pipeline is kept.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ModelRegistered.class, name = "ModelRegistered"),
        @JsonSubTypes.Type(value = ModelPromoted.class, name = "ModelPromoted"),
        @JsonSubTypes.Type(value = ModelAliasMoved.class, name = "ModelAliasMoved")
})
public sealed interface ModelLifecycleEvent permits ModelRegistered, ModelPromoted, ModelAliasMoved {

    String eventId();

    int schemaVersion();

    String pipeline();

    String modelVersion();

    Instant occurredAt();
}
