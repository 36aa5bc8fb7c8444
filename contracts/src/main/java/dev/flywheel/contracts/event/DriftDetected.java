package dev.flywheel.contracts.event;

import java.time.Instant;
import java.util.Map;

/**
 * The monitor judged that a pipeline's model no longer fits its data; the training service
 * retrains on it, subject to the spec's cooldown.
 *
 * @param kind        which signal fired
 * @param metric      what was measured (e.g. average_precision, psi:tx_amount)
 * @param observed    its current value
 * @param threshold   the policy's limit it crossed
 * @param baseline    the value the model had when promoted, when known
 * @param windowStart first event time of the judged window
 * @param windowEnd   last event time of the judged window
 * @param details     further figures (sample size, per-feature scores)
 */
public record DriftDetected(String eventId, int schemaVersion, String pipeline, String modelVersion, Kind kind,
                            String metric, double observed, double threshold, Double baseline,
                            Instant windowStart, Instant windowEnd, Instant detectedAt,
                            Map<String, Double> details) {

    public static final int SCHEMA_VERSION = 1;

    /** The signal that fired. */
    public enum Kind {
        /** Live quality on labelled predictions fell below the policy. */
        ACCURACY,
        /** The inputs' distribution moved away from the training data. */
        DATA,
        /** The relation between inputs and labels changed (detected on the error stream). */
        CONCEPT
    }

    public DriftDetected {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
