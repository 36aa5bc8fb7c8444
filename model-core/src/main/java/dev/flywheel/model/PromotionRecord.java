package dev.flywheel.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Which version of a pipeline serves: training-service's view of its {@code champion} alias, and what older
 * registries kept as {@code <registry>/<pipeline>/promoted.json} (imported into its database at start).
 *
 * @param previousVersion the version it replaced, or null for the first
 * @param reason          why, with both scores when there was a champion
 */
public record PromotionRecord(String version, String previousVersion, String reason, Instant promotedAt) {

    public PromotionRecord {
        Objects.requireNonNull(version, "version");
    }
}
