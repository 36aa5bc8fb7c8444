package dev.flywheel.training.dataset;

import java.util.List;

import dev.flywheel.contracts.event.OffsetRange;

/**
 * The examples of a pipeline as they were when a run started, as rows of the spec's features, in offset order
 * per partition.
 *
 * @param ranges     exactly the records read: each partition from its first offset to the end offset
 *                   snapshotted at the start
 * @param unreadable records that were not an {@code ExampleLabelled} (skipped)
 */
public record ExampleSnapshot(List<LabelledRow> examples, List<OffsetRange> ranges, int unreadable) {

    public ExampleSnapshot {
        examples = List.copyOf(examples);
        ranges = List.copyOf(ranges);
    }
}
