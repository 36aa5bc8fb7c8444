package dev.flywheel.feature.store;

import java.util.regex.Pattern;

/**
 * Names of a pipeline's state stores and repartition topics. They are part of the service's persistent state
 * (changelog and repartition topics are named after them), so they are spelt out here, derived from the pipeline
 * name and entity field only, and never generated from the topology's shape.
 */
public record StoreNames(String pipeline) {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    /** Router state per event id: its entities, whether its label came, a label that came before it. */
    public String eventIndex() {
        return pipeline + "-event-index";
    }

    /** Repartition topic that brings an entity's events and labels to the task owning that entity. */
    public String byEntity(String field) {
        return pipeline + "-by-" + safe(field);
    }

    /** Recent events of each value of {@code field}. */
    public String entityEvents(String field) {
        return pipeline + "-" + safe(field) + "-events";
    }

    /** Positive labels of those events, as they became known. */
    public String entityLabels(String field) {
        return pipeline + "-" + safe(field) + "-labels";
    }

    /**
     * The online store of {@code field}: per entity value, the aggregates as of its most recent event
     * ({@link LatestFeatures}), queried over HTTP.
     */
    public String online(String field) {
        return pipeline + "-online-" + safe(field);
    }

    /** Repartition topic that brings every partial vector of an event back to one task. */
    public String vectorParts() {
        return pipeline + "-vector-parts";
    }

    /** Partial vectors still waiting for their other parts (a key-value store). */
    public String pendingVectors() {
        return pipeline + "-pending-vectors";
    }

    /** Vectors waiting for their label, labels waiting for their vector, and events already made examples. */
    public String exampleJoin() {
        return pipeline + "-example-join";
    }

    private static String safe(String field) {
        return UNSAFE.matcher(field).replaceAll("_");
    }
}
