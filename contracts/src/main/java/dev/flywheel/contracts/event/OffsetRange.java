package dev.flywheel.contracts.event;

/**
 * A contiguous run of records of one partition, {@code fromOffset} inclusive to
 * {@code toOffset} exclusive: how a dataset records exactly which records it was built from.
 */
public record OffsetRange(String topic, int partition, long fromOffset, long toOffset) {

    public OffsetRange {
        if (toOffset < fromOffset) {
            throw new IllegalArgumentException("toOffset " + toOffset + " < fromOffset " + fromOffset);
        }
    }

    public long count() {
        return toOffset - fromOffset;
    }
}
