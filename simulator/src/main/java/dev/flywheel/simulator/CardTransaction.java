package dev.flywheel.simulator;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A simulated card payment with its ground truth — the handbook's row. Only the first five fields
 * leave the simulator as the transaction event; the scenario travels later, in its {@link FraudLabel}.
 *
 * @param transactionId running counter in emission order, as text
 * @param txDatetime    when the payment happened (whole seconds, UTC)
 * @param amountCents   amount in cents (see {@link #txAmount()})
 * @param txTimeSeconds seconds since the simulation start ({@code TX_TIME_SECONDS})
 * @param txTimeDays    day index since the start ({@code TX_TIME_DAYS})
 * @param scenario      the fraud scenario, {@link FraudScenario#GENUINE} if none
 */
public record CardTransaction(String transactionId, Instant txDatetime, int customerId, int terminalId,
                              long amountCents, long txTimeSeconds, int txTimeDays, FraudScenario scenario)
        implements SimEvent {

    /** The amount with two decimals, as {@code TX_AMOUNT}. */
    public BigDecimal txAmount() {
        return BigDecimal.valueOf(amountCents, 2);
    }

    public boolean isFraud() {
        return scenario.isFraud();
    }

    /** Seconds since midnight of the payment's day. */
    public long timeOfDaySeconds() {
        return txTimeSeconds % DailySpending.SECONDS_PER_DAY;
    }

    @Override
    public Instant time() {
        return txDatetime;
    }
}
