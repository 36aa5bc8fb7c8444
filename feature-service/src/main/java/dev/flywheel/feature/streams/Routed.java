package dev.flywheel.feature.streams;

/**
 * What the router emits: the event's own part of its vector (keyed by event id), or an update for one of its
 * entities (keyed by the entity's value). The topology splits the two before repartitioning each.
 */
sealed interface Routed permits VectorPart.Local, Routed.ToEntity {

    /** An update for the history of the entity that {@code field} names; the record key is the entity value. */
    record ToEntity(String field, EntityUpdate update) implements Routed {
    }
}
