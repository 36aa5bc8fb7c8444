package dev.flywheel.ingest.source;

import java.time.Instant;

/**
 * What {@code GET /v1/pipelines/{p}/sources} says about one source.
 *
 * @param state       {@code starting}, {@code idle}, {@code polling}, {@code backing_off}, {@code fenced} (another
 *                    instance took the source over), {@code failed} (cannot start), {@code stopped}
 * @param position    the last committed position (reader-specific text), null before the first
 * @param lastError   the message of the last failure, null after a success
 */
public record SourceStatus(String name, String type, String state, Instant lastPoll, Instant lastSuccess,
                           Instant nextPoll, String position, long read, long accepted, long rejected,
                           int consecutiveFailures, String lastError) {
}
