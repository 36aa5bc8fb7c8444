package dev.flywheel.ingest.rest;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Bounds the records sent to the broker and not yet acknowledged, across every HTTP request and upload
 * job: one permit per record, taken before it is sent and given back on the broker's answer. Synchronous
 * posts give up after a short wait (the client gets 503 and retries); upload jobs wait, so the broker
 * paces the file reader and nothing piles up in memory. Upload jobs together hold at most their own
 * share of the permits, so a large upload cannot starve the synchronous posts.
 */
@Singleton
public class InFlightBudget {

    private final int capacity;
    private final Semaphore permits;
    private final Semaphore uploadPermits;

    @Inject
    public InFlightBudget(HttpIngestConfig config) {
        this(config.inFlightMax(), config.uploadInFlightMax());
    }

    InFlightBudget(int capacity, int uploadShare) {
        this.capacity = capacity;
        this.permits = new Semaphore(capacity);
        this.uploadPermits = new Semaphore(Math.min(capacity, uploadShare));
    }

    /** Takes one permit if one frees up within {@code wait}. */
    public boolean tryAcquire(Duration wait) throws InterruptedException {
        return permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    public void release() {
        permits.release();
    }

    /** Takes one permit of the uploads' share, waiting as long as it takes. */
    public void acquireForUpload() throws InterruptedException {
        uploadPermits.acquire();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            uploadPermits.release();
            throw e;
        }
    }

    public void releaseUpload() {
        permits.release();
        uploadPermits.release();
    }

    public int capacity() {
        return capacity;
    }

    public int inFlight() {
        return capacity - permits.availablePermits();
    }
}
