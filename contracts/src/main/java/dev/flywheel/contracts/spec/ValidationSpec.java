package dev.flywheel.contracts.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Record-level checks beyond the schema's per-field constraints (spec section {@code validation}).
 *
 * @param rules              cross-field rules, in declaration order; every event is checked against all
 * @param deduplicateWithin  an event id seen again within this time (by arrival) is dropped and counted;
 *                           empty: no deduplication
 * @param deduplicateMaxIds  how many recent event ids the ingest service remembers at most, to bound its
 *                           memory; when more arrive within the window, the oldest are forgotten early
 */
public record ValidationSpec(List<CrossFieldRule> rules, Optional<Duration> deduplicateWithin, int deduplicateMaxIds) {

    /**
     * Remembered ids by default: about 16 MB of heap for UUID ids (measured ~157 bytes each), enough for a
     * 10-minute window at 160 events per second.
     */
    public static final int DEFAULT_MAX_IDS = 100_000;

    /** No cross-field rules, no deduplication: what a spec without a {@code validation} section gets. */
    public static final ValidationSpec NONE = new ValidationSpec(List.of(), Optional.empty(), DEFAULT_MAX_IDS);

    public ValidationSpec {
        rules = List.copyOf(rules);
        if (deduplicateMaxIds < 1) {
            throw new IllegalArgumentException("deduplicateMaxIds must be at least 1 but was " + deduplicateMaxIds);
        }
    }

    /** Deduplication only, no rules; the form this record had before rules existed. */
    public ValidationSpec(Optional<Duration> deduplicateWithin) {
        this(List.of(), deduplicateWithin, DEFAULT_MAX_IDS);
    }

    /**
     * Every cross-field rule the event breaks, in rule order; empty when it keeps them all. Rules whose
     * fields are missing or ill-typed stay silent: {@link EventSchema#validate} reports those.
     */
    public List<FieldViolation> check(JsonNode event) {
        if (rules.isEmpty() || event == null || !event.isObject()) {
            return List.of();
        }
        List<FieldViolation> violations = new ArrayList<>(0);
        for (CrossFieldRule rule : rules) {
            rule.check(event).ifPresent(violations::add);
        }
        return violations;
    }
}
