package dev.flywheel.ingest.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.flywheel.contracts.spec.FieldViolation;

/**
 * The answer to a POST of one or more records: what was accepted (already acknowledged by the
 * broker), what was a duplicate of an event already taken, and what was refused, with every reason, by the record's position in the request. Only the
 * first records are listed one by one ({@code unlisted} counts the rest); {@code stopped} says where
 * and why reading ended early, when it did (records from there on were not taken).
 */
public record IngestReport(int accepted, int rejected, int duplicates, int unlisted, List<RecordResult> results,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Stop stopped) {

    /**
     * One record's verdict ({@code accepted}, {@code rejected} or {@code duplicate}); {@code eventId} is set
     * when accepted or a duplicate, {@code violations} when refused.
     */
    public record RecordResult(int index, String status, String eventId, List<FieldViolation> violations) {
    }

    /** Reading ended at record {@code index} (not taken), for {@code reason}; resend from there. */
    public record Stop(int index, String reason) {
    }
}
