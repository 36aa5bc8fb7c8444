package dev.flywheel.monitor.metrics;

import java.time.Instant;

/**
 * Outcomes taken out of a window, oldest first: what a metric is computed over.
 *
 * @param positives      outcomes whose label is 1 (binary tasks)
 * @param firstEventTime earliest event time among them; null when empty
 * @param lastEventTime  latest event time among them; null when empty
 */
public record OutcomeSample(double[] scores, double[] labels, int positives, Instant firstEventTime,
                            Instant lastEventTime) {

    public int size() {
        return scores.length;
    }
}
