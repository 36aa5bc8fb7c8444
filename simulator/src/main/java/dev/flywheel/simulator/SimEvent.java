package dev.flywheel.simulator;

import java.time.Instant;

/** One element of the simulator's output stream: a payment, or the label of an earlier one. */
public sealed interface SimEvent permits CardTransaction, FraudLabel {

    /** Simulated time at which the event happens; the stream is ordered by it. */
    Instant time();

    /** The id of the transaction the event concerns (the Kafka key). */
    String transactionId();
}
