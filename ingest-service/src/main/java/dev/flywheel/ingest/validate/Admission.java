package dev.flywheel.ingest.validate;

import dev.flywheel.contracts.event.RecordRejected;

/** The verdict on one incoming record: accepted as a platform event, or rejected with its reasons. */
public sealed interface Admission<T> {

    /** The record is valid; {@code event} is what gets published. */
    record Accepted<T>(T event) implements Admission<T> {
    }

    /** The record is refused; {@code rejection} keeps it whole with every reason. */
    record Rejected<T>(RecordRejected rejection) implements Admission<T> {
    }
}
