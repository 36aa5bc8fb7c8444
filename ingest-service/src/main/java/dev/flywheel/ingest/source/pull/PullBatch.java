package dev.flywheel.ingest.source.pull;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One read of a pull source.
 *
 * @param records   the records read, in source order, each a JSON object the pipeline's schema judges
 * @param position  where the next read starts (opaque to the runner, kept as text); empty: unchanged
 * @param exhausted {@code true} when the source has nothing more right now, so the runner waits for the
 *                  source's interval before reading again; {@code false} to read the next batch at once
 */
public record PullBatch(List<ObjectNode> records, Optional<String> position, boolean exhausted) {

    public PullBatch {
        records = List.copyOf(records);
    }
}
