package dev.flywheel.training.registry;

import java.time.Instant;

/**
 * One audited move of an alias: from which version to which, what kind of move, who asked and why.
 *
 * @param fromVersion the version the alias pointed at before, or null when it was first set
 * @param action      {@code promote} (training's decision), {@code move} (over HTTP), {@code rollback},
 *                    {@code import} (read from a folder-only registry)
 * @param actor       who moved it: {@code training-service}, or the caller's name over HTTP
 */
public record AliasMove(long id, String pipeline, String alias, String fromVersion, String toVersion, String action,
                        String actor, String reason, Instant movedAt) {

    public static final String PROMOTE = "promote";
    public static final String MOVE = "move";
    public static final String ROLLBACK = "rollback";
    public static final String IMPORT = "import";
}
