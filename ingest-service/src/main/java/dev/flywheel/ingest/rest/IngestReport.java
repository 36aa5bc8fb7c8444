package dev.flywheel.ingest.rest;

import java.util.List;

import dev.flywheel.contracts.spec.FieldViolation;

/**
 * The answer to a POST of one or more records: what was accepted (already acknowledged by the
 * broker) and what was refused, with every reason, by the record's position in the request.
 */
public record IngestReport(int accepted, int rejected, List<RecordResult> results) {

    /**
     * One record's verdict ({@code accepted}, {@code rejected} or {@code duplicate}); {@code eventId} is set
     * when accepted or a duplicate, {@code violations} when refused.
     */
    public record RecordResult(int index, String status, String eventId, List<FieldViolation> violations) {
    }

    static IngestReport of(List<RecordResult> results) {
        int accepted = (int) results.stream().filter(r -> r.status().equals("accepted")).count();
        int rejected = (int) results.stream().filter(r -> r.status().equals("rejected")).count();
        return new IngestReport(accepted, rejected, results);
    }
}
