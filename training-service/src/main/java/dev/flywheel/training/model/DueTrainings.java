package dev.flywheel.training.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The periodic checks: is a bootstrap or a scheduled training due for a pipeline? */
public final class DueTrainings {

    private DueTrainings() {
    }

    /**
     * A pipeline without a promoted model trains once {@code minExamples} records are on its examples topic.
     * After a refused bootstrap (e.g. duplicates, or fewer than {@code training.minPositives} positives in a
     * slice yet) it waits for more records than that run read, instead of reading the same data every few
     * seconds: the topic cannot tell its positives without being read.
     *
     * @param refusedAtRecords records the last refused bootstrap read, if the last bootstrap was refused
     */
    public static boolean bootstrapDue(boolean hasPromotedModel, long availableRecords, int minExamples,
                                       Optional<Long> refusedAtRecords) {
        if (hasPromotedModel || availableRecords < minExamples) {
            return false;
        }
        return refusedAtRecords.map(read -> availableRecords > read).orElse(true);
    }

    /**
     * A scheduled retraining is due when the spec has a schedule, the pipeline has a promoted model, and the
     * schedule has elapsed since the last training (the newer of the last run requested here and the
     * newest registered version, which survives restarts).
     */
    public static boolean scheduleDue(Optional<Duration> schedule, boolean hasPromotedModel,
                                      Optional<Instant> lastTraining, Instant now) {
        if (schedule.isEmpty() || !hasPromotedModel) {
            return false;
        }
        return lastTraining.map(last -> !now.isBefore(last.plus(schedule.get()))).orElse(true);
    }
}
