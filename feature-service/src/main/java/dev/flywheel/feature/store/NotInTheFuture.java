package dev.flywheel.feature.store;

/**
 * Caps the times stores file records under at the wall clock. A window store drops every segment older than its
 * newest record's time minus the retention, so one event stamped a year ahead (a producer's clock gone wrong)
 * would wipe the state of every entity; capped, it is filed as if it happened now.
 */
public final class NotInTheFuture {

    private NotInTheFuture() {
    }

    /** {@code epochMillis}, or now if that is later than now; never below 0. */
    public static long cap(long epochMillis) {
        return Math.max(0, Math.min(epochMillis, System.currentTimeMillis()));
    }
}
