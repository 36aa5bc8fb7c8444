package dev.flywheel.simulator;

import java.time.Instant;

/**
 * The ground truth of a transaction, which becomes known at {@code labelTime}, some delay after it.
 *
 * @param scenario the scenario that made it a fraud, or {@link FraudScenario#GENUINE}
 */
public record FraudLabel(String transactionId, FraudScenario scenario, Instant labelTime) implements SimEvent {

    /** The handbook's {@code TX_FRAUD}: 1 for a fraud, 0 otherwise. */
    public int txFraud() {
        return scenario.isFraud() ? 1 : 0;
    }

    @Override
    public Instant time() {
        return labelTime;
    }
}
