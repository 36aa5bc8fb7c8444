package dev.flywheel.contracts.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * Record-level checks beyond the schema's per-field constraints (spec section {@code validation}).
 *
 * @param deduplicateWithin an event id seen again within this time is dropped and counted; empty: no deduplication
 */
public record ValidationSpec(Optional<Duration> deduplicateWithin) {

    /** No cross-field rules, no deduplication: what a spec without a {@code validation} section gets. */
    public static final ValidationSpec NONE = new ValidationSpec(Optional.empty());
}
