package dev.flywheel.ingest.rest;

import java.util.List;
import java.util.concurrent.CompletionException;

import dev.flywheel.contracts.spec.FieldViolation;

/**
 * What became of one record: {@code accepted} (with the id it was published under), {@code rejected}
 * (with every reason; kept on the rejected topic when it reached admission) or {@code failed} (the
 * broker did not take it; the client may send it again) or {@code duplicate} (an event id seen within the
 * pipeline's deduplication window: taken, not published again).
 */
public record RecordOutcome(String status, String eventId, List<FieldViolation> violations) {

    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";
    public static final String DUPLICATE = "duplicate";

    public static RecordOutcome accepted(String eventId) {
        return new RecordOutcome(ACCEPTED, eventId, List.of());
    }

    public static RecordOutcome duplicate(String eventId) {
        return new RecordOutcome(DUPLICATE, eventId, List.of());
    }

    public static RecordOutcome rejected(List<FieldViolation> violations) {
        return new RecordOutcome(REJECTED, null, violations);
    }

    public static RecordOutcome failed(Throwable error) {
        Throwable cause = error.getCause() != null && error instanceof CompletionException
                ? error.getCause() : error;
        return new RecordOutcome(FAILED, null, List.of(new FieldViolation("$", "broker",
                "not stored, send it again: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), null)));
    }

    IngestReport.RecordResult at(int index) {
        return new IngestReport.RecordResult(index, status, eventId, violations);
    }
}
