package dev.flywheel.ingest.validate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.spec.FieldViolation;
import dev.flywheel.contracts.spec.PipelineSpec;

/**
 * Judges a raw event against its pipeline's schema and cross-field rules ({@code validation.rules}); the
 * same rules for every source. Deduplication is not judged here: it depends on what came before
 * ({@link Deduplicator}).
 */
public final class EventAdmission {

    private EventAdmission() {
    }

    public static Admission<EventIngested> admit(PipelineSpec spec, String text, String source, Instant now) {
        return admit(spec, new RawRecord(spec.name(), "event", source, text), now);
    }

    /** The same for a record a streaming reader already parsed (saves writing it out and reading it again). */
    public static Admission<EventIngested> admit(PipelineSpec spec, JsonNode parsed, String source, Instant now) {
        return admit(spec, parsed, null, source, now);
    }

    /**
     * The same, with the exact bytes the record took in its input when the reader kept them (else null): an
     * accepted event's payload is then those bytes.
     */
    public static Admission<EventIngested> admit(PipelineSpec spec, JsonNode parsed, byte[] utf8, String source,
                                                 Instant now) {
        return admit(spec, new RawRecord(spec.name(), "event", source, null, parsed, utf8), now);
    }

    /**
     * The same for the UTF-8 bytes a Kafka client produced: read without decoding them to text first, and an accepted
     * event's payload is those bytes, not its parsed tree written out again.
     */
    public static Admission<EventIngested> admit(PipelineSpec spec, byte[] utf8, String source, Instant now) {
        return admit(spec, RawRecord.bytes(spec.name(), "event", source, utf8), now);
    }

    private static Admission<EventIngested> admit(PipelineSpec spec, RawRecord raw, Instant now) {
        String source = raw.source();
        JsonNode event;
        try {
            event = raw.parse();
        } catch (RawRecord.NotAnObject e) {
            return new Admission.Rejected<>(raw.reject(List.of(e.violation()), now));
        }
        List<FieldViolation> violations = new ArrayList<>(spec.schema().validate(event));
        violations.addAll(spec.validation().check(event));
        if (!violations.isEmpty()) {
            return new Admission.Rejected<>(raw.reject(violations, now));
        }
        return new Admission.Accepted<>(
                EventIngested.of(spec.eventId(event), spec.name(), spec.eventTime(event), now, source,
                        raw.payload(event)));
    }
}
