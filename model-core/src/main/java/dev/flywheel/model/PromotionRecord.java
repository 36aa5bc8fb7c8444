package dev.flywheel.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Which version of a pipeline serves, kept as {@code <registry>/<pipeline>/promoted.json} so that a
 * restarted service finds the champion without reading the models topic.
 *
 * @param previousVersion the version it replaced, or null for the first
 * @param reason          why, with both scores when there was a champion
 */
public record PromotionRecord(String version, String previousVersion, String reason, Instant promotedAt) {

    public PromotionRecord {
        Objects.requireNonNull(version, "version");
    }
}
