package dev.flywheel.ingest.validate;

import dev.flywheel.contracts.event.RecordRejected;

/**
 * The verdict on one incoming record: accepted as a platform event, rejected with its reasons, or a
 * duplicate of an event accepted shortly before.
 */
public sealed interface Admission<T> {

    /** The record is valid; {@code event} is what gets published. */
    record Accepted<T>(T event) implements Admission<T> {
    }

    /** The record is refused; {@code rejection} keeps it whole with every reason. */
    record Rejected<T>(RecordRejected rejection) implements Admission<T> {
    }

    /**
     * The record is valid but its event id was accepted within the pipeline's deduplication window
     * ({@code validation.deduplicate.within}); {@code event} is what would have been published, and was not.
     */
    record Duplicate<T>(T event) implements Admission<T> {
    }
}
