package dev.flywheel.contracts.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered version became the one serving its pipeline; inference services swap to it.
 *
 * @param previousVersion the version it replaces, or null for the first
 * @param artifactUri     where to load it from
 * @param reason          why: e.g. "better average_precision than 3 (0.71 vs 0.52)"
 */
public record ModelPromoted(String eventId, int schemaVersion, String pipeline, String modelVersion,
                            String previousVersion, String artifactUri, String reason, Instant occurredAt)
        implements ModelLifecycleEvent {

    public static final int SCHEMA_VERSION = 1;

    public ModelPromoted {
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(artifactUri, "artifactUri");
    }
}
