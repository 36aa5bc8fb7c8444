package dev.flywheel.ingest.validate;

import java.time.Instant;
import java.util.List;

import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.contracts.spec.FieldViolation;
import dev.flywheel.contracts.spec.PipelineSpec;

/**
 * The rejection of a record refused while it was being read, before admission could judge it (a ragged CSV row, a
 * line that is not UTF-8, a record over the size limit): kept on the rejected topic like any other refusal, with
 * what was read of it.
 */
public final class ReadRefusal {

    private ReadRefusal() {
    }

    /** @param kind {@code event} or {@code label} */
    public static Admission.Rejected<Void> of(PipelineSpec spec, String kind, String source, String raw,
                                              FieldViolation problem, Instant now) {
        return new Admission.Rejected<>(new RawRecord(spec.name(), kind, source, raw == null ? "" : raw)
                .reject(List.of(problem), now));
    }
}
