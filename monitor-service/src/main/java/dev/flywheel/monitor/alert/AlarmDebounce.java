package dev.flywheel.monitor.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.flywheel.contracts.event.DriftDetected;

/**
 * Whether a drift may be published: not if the same alarm (pipeline, version, kind, metric) was published less
 * than {@code period} before (by detection time), nor if its judged window ends no later than the last published
 * one's (a replay: the feed re-reads outcomes and predictions at start). Consumes the drift events published by
 * this run and those read back from {@code flywheel.drift}. Thread-safe.
 */
final class AlarmDebounce {

    private final Duration period;
    private final Map<String, DriftDetected> lastPublished = new ConcurrentHashMap<>();

    AlarmDebounce(Duration period) {
        this.period = period;
    }

    /** Whether {@code drift} may be published now. */
    boolean admits(DriftDetected drift) {
        DriftDetected last = lastPublished.get(DriftAlerts.alarmKey(drift));
        if (last == null) {
            return true;
        }
        boolean recent = last.detectedAt() != null && drift.detectedAt() != null
                && drift.detectedAt().isBefore(last.detectedAt().plus(period));
        boolean replay = last.windowEnd() != null && drift.windowEnd() != null
                && !drift.windowEnd().isAfter(last.windowEnd());
        return !recent && !replay;
    }

    /** A drift that was published (now, or by an earlier run). */
    void published(DriftDetected drift) {
        lastPublished.merge(DriftAlerts.alarmKey(drift), drift, AlarmDebounce::later);
    }

    private static DriftDetected later(DriftDetected a, DriftDetected b) {
        Instant at = a.detectedAt();
        return at == null || (b.detectedAt() != null && b.detectedAt().isAfter(at)) ? b : a;
    }
}
