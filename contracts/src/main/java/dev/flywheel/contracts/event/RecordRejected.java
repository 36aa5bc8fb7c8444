package dev.flywheel.contracts.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.flywheel.contracts.spec.FieldViolation;

/**
 * A record that was refused, kept whole with every reason so that nothing sent is lost and the
 * producer can be told exactly what to fix.
 *
 * @param eventId     a fresh id for this rejection (the record's own id may be the thing missing)
 * @param kind        what the record was meant to be: {@code event} or {@code label}
 * @param source      how it arrived: {@code http}, {@code kafka}, {@code file}, ...
 * @param raw         the record exactly as received (text)
 * @param violations  every field that failed and why
 */
public record RecordRejected(String eventId, int schemaVersion, String pipeline, String kind, String source,
                             Instant rejectedAt, String raw, List<FieldViolation> violations) {

    public static final int SCHEMA_VERSION = 1;

    public RecordRejected {
        Objects.requireNonNull(eventId, "eventId");
        violations = List.copyOf(violations);
    }
}
