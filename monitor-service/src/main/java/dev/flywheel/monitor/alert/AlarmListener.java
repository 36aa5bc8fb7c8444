package dev.flywheel.monitor.alert;

import java.time.Instant;

import dev.flywheel.contracts.event.DriftDetected;

/** Told by {@link DriftAlerts} when an alarm starts and when its condition clears (e.g. the webhooks). */
public interface AlarmListener {

    void firing(DriftDetected drift);

    /** The condition of {@code drift} no longer holds; {@code reason} says why, for people. */
    void resolved(DriftDetected drift, String reason, Instant at);
}
