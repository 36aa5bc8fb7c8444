package dev.flywheel.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The in-flight budget on its own: posts give up, uploads wait within their share. */
class InFlightBudgetTest {

    @Test
    void uploadsHoldingTheirWholeShareLeaveTheRestToPosts() throws Exception {
        // Given a budget of four of which uploads may hold two, both held by uploads
        InFlightBudget budget = new InFlightBudget(4, 2);
        budget.acquireForUpload();
        budget.acquireForUpload();

        // When a third upload record asks, it waits; posts still get the other two at once
        CompletableFuture<Void> thirdUpload = CompletableFuture.runAsync(() -> {
            try {
                budget.acquireForUpload();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(budget.tryAcquire(Duration.ZERO)).isTrue();
        assertThat(budget.tryAcquire(Duration.ZERO)).isTrue();
        assertThat(budget.tryAcquire(Duration.ZERO)).isFalse();
        assertThat(thirdUpload).isNotDone();

        // Then an acknowledged upload record lets the waiting one through
        budget.releaseUpload();
        thirdUpload.get(5, TimeUnit.SECONDS);
        assertThat(budget.inFlight()).isEqualTo(4);
    }
}
