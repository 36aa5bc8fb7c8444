package dev.flywheel.ingest.source.web;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spaces requests to the same host (scheme, host and port) by at least a minimum delay, across every web source
 * of the service: two sources scraping one site share its rate limit. A caller blocks until its turn
 * ({@link #await}) and says when its request is done ({@link #done}): the delay then counts from the end of the
 * answer, so a slow site is asked less often, never more.
 */
public final class HostPacer {

    /** Per host: the earliest time (nanoTime) the next request may start. */
    private final Map<String, Long> nextAllowed = new ConcurrentHashMap<>();

    /** Waits until a request to {@code uri}'s host may go out, and books the slot after it. */
    public void await(URI uri, Duration minDelay) throws InterruptedException {
        String host = hostOf(uri);
        long[] start = new long[1];
        // compute() is atomic per key: each caller books its own slot, later callers queue behind it.
        nextAllowed.compute(host, (key, next) -> {
            long now = System.nanoTime();
            start[0] = next == null || next - now < 0 ? now : next;
            return start[0] + minDelay.toNanos();
        });
        long wait = start[0] - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** The request to {@code uri}'s host is answered: the next may start {@code minDelay} from now, not sooner. */
    public void done(URI uri, Duration minDelay) {
        long after = System.nanoTime() + minDelay.toNanos();
        nextAllowed.merge(hostOf(uri), after, (booked, now) -> booked - now > 0 ? booked : now);
    }

    static String hostOf(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }
}
