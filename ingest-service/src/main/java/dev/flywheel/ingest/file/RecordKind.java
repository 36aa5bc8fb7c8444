package dev.flywheel.ingest.file;

import java.util.Locale;
import java.util.Optional;

/** What the records of an input are: events of the pipeline, or labels of its events. */
public enum RecordKind {
    EVENTS,
    LABELS;

    /** The kind named {@code events} or {@code labels}, as in the URL. */
    public static Optional<RecordKind> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "events" -> Optional.of(EVENTS);
            case "labels" -> Optional.of(LABELS);
            default -> Optional.empty();
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
