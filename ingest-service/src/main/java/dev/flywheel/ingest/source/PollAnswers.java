package dev.flywheel.ingest.source;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the broker's answers for the records of one poll and completes one future when all have come: normally
 * when every verdict was stored, exceptionally with the first failure as soon as one was not. Consumes answers (on
 * the producer's I/O thread), produces the poll's {@link PollInFlight#acknowledged()} future.
 */
final class PollAnswers {

    private final AtomicInteger outstanding;
    private final CompletableFuture<Void> all = new CompletableFuture<>();

    /** @param records how many answers complete the poll */
    PollAnswers(int records) {
        this.outstanding = new AtomicInteger(records);
        if (records == 0) {
            all.complete(null);
        }
    }

    /** One record's answer: null when the broker stored its verdict, else why not. */
    void answered(Throwable failure) {
        if (failure != null) {
            all.completeExceptionally(failure);
        }
        if (outstanding.decrementAndGet() == 0) {
            all.complete(null);
        }
    }

    /** A record whose verdict could not even be sent. */
    void failed(Throwable failure) {
        answered(failure);
    }

    CompletableFuture<Void> all() {
        return all;
    }
}
