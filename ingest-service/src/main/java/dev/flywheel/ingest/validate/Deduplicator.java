package dev.flywheel.ingest.validate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the event ids one ingest instance accepted within the last {@code window} (by arrival time on
 * its clock) and says whether an id arrives for the first time in that window. Consumes event ids, produces
 * first-or-duplicate answers.
 *
 * <p>Deduplication is per ingest instance: HTTP requests spread over several instances may each let a
 * duplicate through once, and memory is lost on restart. That is acceptable because it only saves work:
 * downstream consumers are idempotent by event id anyway.
 *
 * <p>Memory is bounded twice: ids expire once the window has passed since their first arrival, and at most
 * {@code maxIds} are kept (the oldest go first, so under a flood a duplicate of an old id may pass). A
 * synchronized insertion-ordered map rather than a cache library because the window must run from an id's
 * first arrival (a duplicate does not extend it) and expiry then is a scan from the oldest entry, O(1) amortised.
 */
public final class Deduplicator {

    private final Duration window;
    private final int maxIds;
    private final Clock clock;
    /** Id to first arrival, oldest first (insertion order). */
    private final LinkedHashMap<String, Instant> firstArrivals = new LinkedHashMap<>();

    public Deduplicator(Duration window, int maxIds, Clock clock) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the deduplication window must be longer than 0 but was " + window);
        }
        if (maxIds < 1) {
            throw new IllegalArgumentException("maxIds must be at least 1 but was " + maxIds);
        }
        this.window = window;
        this.maxIds = maxIds;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Whether {@code eventId} arrives now for the first time within the window; remembers it if so. A
     * duplicate does not move the window: it still ends {@code window} after the first arrival.
     */
    public synchronized boolean firstSeen(String eventId) {
        Instant now = clock.instant();
        expire(now);
        Instant first = firstArrivals.get(eventId);
        if (first != null && now.isBefore(first.plus(window))) {
            return false;
        }
        // An expired entry can outlive the scan when arrivals were recorded out of order; re-insert it last.
        firstArrivals.remove(eventId);
        firstArrivals.put(eventId, now);
        if (firstArrivals.size() > maxIds) {
            Iterator<String> oldest = firstArrivals.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /**
     * Forgets an id, so that it counts as new when it comes again: for an event whose publication failed,
     * whose producer will retry.
     */
    public synchronized void forget(String eventId) {
        firstArrivals.remove(eventId);
    }

    /** How many ids are remembered now (after expiring those past the window). */
    public synchronized int size() {
        expire(clock.instant());
        return firstArrivals.size();
    }

    public Duration window() {
        return window;
    }

    public int maxIds() {
        return maxIds;
    }

    private void expire(Instant now) {
        Iterator<Map.Entry<String, Instant>> entries = firstArrivals.entrySet().iterator();
        while (entries.hasNext()) {
            if (now.isBefore(entries.next().getValue().plus(window))) {
                return;
            }
            entries.remove();
        }
    }
}
