package dev.flywheel.ingest.source.pull;

import java.util.Optional;

/**
 * Reads a pull source (a JSON API, a web page, a database table) one batch at a time, starting after a
 * remembered position. The runner publishes a batch's records and its new position together, so after a
 * restart reading resumes exactly after the last published record: a reader must neither skip nor repeat
 * records when handed back a position it returned.
 */
public interface PullReader extends AutoCloseable {

    /**
     * The records after {@code position} (empty: from the beginning), at most one batch of them.
     *
     * @throws Exception when the source cannot be read now; the runner retries with backoff
     */
    PullBatch read(Optional<String> position) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
