package dev.flywheel.training.dataset;

import java.time.Instant;

/**
 * How a dataset was assembled, for the run report: every example read is accounted for.
 *
 * @param read          examples read from the topic
 * @param duplicates    dropped because a later record carried the same event id
 * @param unusable      dropped for a missing or non-finite feature, a label other than 0/1, or no event time
 * @param outsideWindow dropped as older than {@code training.recentWindow} before the newest example
 * @param used          examples in the two slices, after cleaning
 * @param cleaning      the spec's {@code model.training.cleaning} as fitted and applied; null without
 */
public record DatasetSummary(int read, int duplicates, int unusable, int outsideWindow, int used,
                             int trainRows, int trainPositives, int testRows, int testPositives,
                             Instant trainFrom, Instant trainTo, Instant testFrom, Instant testTo,
                             DatasetCleaning cleaning) {

    /** Without cleaning. */
    public DatasetSummary(int read, int duplicates, int unusable, int outsideWindow, int used, int trainRows,
                          int trainPositives, int testRows, int testPositives, Instant trainFrom, Instant trainTo,
                          Instant testFrom, Instant testTo) {
        this(read, duplicates, unusable, outsideWindow, used, trainRows, trainPositives, testRows, testPositives,
                trainFrom, trainTo, testFrom, testTo, null);
    }

    static DatasetSummary counted(int read, int duplicates, int unusable, int outsideWindow, int used) {
        return new DatasetSummary(read, duplicates, unusable, outsideWindow, used, 0, 0, 0, 0, null, null, null, null);
    }
}
