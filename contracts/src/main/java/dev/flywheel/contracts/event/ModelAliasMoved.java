package dev.flywheel.contracts.event;

import java.time.Instant;
import java.util.Objects;

/**
 * An alias of a pipeline other than {@code champion} (e.g. {@code challenger}) was pointed at a version;
 * champion moves, rollbacks included, are {@link ModelPromoted}, which inference services act on.
 *
 * @param modelVersion    the version the alias points at now
 * @param previousVersion the version it pointed at before, or null when it was first set
 * @param action          {@code move}, {@code promote}, {@code rollback} or {@code import}
 * @param actor           who moved it
 * @param artifactUri     where to load {@code modelVersion} from
 */
public record ModelAliasMoved(String eventId, int schemaVersion, String pipeline, String modelVersion, String alias,
                              String previousVersion, String action, String actor, String reason, String artifactUri,
                              Instant occurredAt) implements ModelLifecycleEvent {

    public static final int SCHEMA_VERSION = 1;

    public ModelAliasMoved {
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(alias, "alias");
    }
}
