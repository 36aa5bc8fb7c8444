package dev.flywheel.contracts.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a pull source of the ingest service has read up to, published in the same Kafka transaction as the
 * records it read; after a restart the source resumes right after them. Keyed by {@link #key(String, String)} on a
 * compacted topic, so the latest position of each source is kept.
 *
 * @param position   the source reader's own position text (opaque: a page and offset, a watermark, seen ids)
 * @param records    how many records the batch that reached this position held
 * @param savedAt    when the batch was published
 */
public record SourcePositionSaved(String eventId, int schemaVersion, String pipeline, String source, String position,
                                  int records, Instant savedAt) {

    public static final int SCHEMA_VERSION = 1;

    public SourcePositionSaved {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(position, "position");
    }

    public static SourcePositionSaved of(String pipeline, String source, String position, int records, Instant savedAt) {
        return new SourcePositionSaved(UUID.randomUUID().toString(), SCHEMA_VERSION, pipeline, source, position,
                records, savedAt);
    }

    /** The record key of a source's position: {@code <pipeline>/<source>}. */
    public static String key(String pipeline, String source) {
        return pipeline + "/" + source;
    }
}
