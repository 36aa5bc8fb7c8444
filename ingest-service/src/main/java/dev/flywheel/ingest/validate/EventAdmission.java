package dev.flywheel.ingest.validate;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.spec.FieldViolation;
import dev.flywheel.contracts.spec.PipelineSpec;

/** Judges a raw event against its pipeline's schema; the same rules for every source. */
public final class EventAdmission {

    private EventAdmission() {
    }

    public static Admission<EventIngested> admit(PipelineSpec spec, String text, String source, Instant now) {
        RawRecord raw = new RawRecord(spec.name(), "event", source, text);
        JsonNode event;
        try {
            event = raw.parse();
        } catch (RawRecord.NotAnObject e) {
            return new Admission.Rejected<>(raw.reject(List.of(e.violation()), now));
        }
        List<FieldViolation> violations = spec.schema().validate(event);
        if (!violations.isEmpty()) {
            return new Admission.Rejected<>(raw.reject(violations, now));
        }
        return new Admission.Accepted<>(
                EventIngested.of(spec.eventId(event), spec.name(), spec.eventTime(event), now, source, event));
    }
}
