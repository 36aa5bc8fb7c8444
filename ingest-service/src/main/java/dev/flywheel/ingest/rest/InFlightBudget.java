package dev.flywheel.ingest.rest;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

/**
 * Bounds the records sent to the broker and not yet acknowledged, across every HTTP request and upload
 * job: one permit per record, taken before it is sent and given back on the broker's answer. Synchronous
 * posts give up after a short wait (the client gets 503 and retries); upload jobs wait, so the broker
 * paces the file reader and nothing piles up in memory.
 */
@Singleton
public class InFlightBudget {

    private final int capacity;
    private final Semaphore permits;

    public InFlightBudget(HttpIngestConfig config) {
        this.capacity = config.inFlightMax();
        this.permits = new Semaphore(capacity);
    }

    /** Takes one permit if one frees up within {@code wait}. */
    public boolean tryAcquire(Duration wait) throws InterruptedException {
        return permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Takes one permit, waiting as long as it takes. */
    public void acquire() throws InterruptedException {
        permits.acquire();
    }

    public void release() {
        permits.release();
    }

    public int capacity() {
        return capacity;
    }

    public int inFlight() {
        return capacity - permits.availablePermits();
    }
}
