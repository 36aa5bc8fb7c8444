package dev.flywheel.monitor.data;

import java.time.Instant;
import java.util.List;

/**
 * The latest data-drift verdict of a pipeline's served version: every feature, the share that drifted, whether
 * the data set drifted (share ≥ {@code driftShareThreshold}), and the model's score distribution as an early
 * signal (not counted in the share).
 *
 * @param firstEventTime event time of the oldest live prediction judged
 */
public record DataDriftReport(String pipeline, String modelVersion, Instant evaluatedAt, long liveCount,
                              long referenceRows, List<FeatureDrift> features, int drifted, double driftShare,
                              double driftShareThreshold, boolean datasetDrift, FeatureDrift score,
                              Instant firstEventTime, Instant lastEventTime) {
}
