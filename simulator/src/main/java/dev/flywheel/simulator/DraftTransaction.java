package dev.flywheel.simulator;

/**
 * A transaction of the day being built, before fraud injection is finished and before it gets its
 * id (ids follow emission order, known only once the day is sorted).
 *
 * @param timeSeconds seconds since the simulation start (the handbook's {@code TX_TIME_SECONDS})
 * @param amountCents amount in cents, so that ×5 and the 220 threshold are exact
 */
record DraftTransaction(long timeSeconds, int customerId, int terminalId, long amountCents, FraudScenario scenario) {

    DraftTransaction withScenario(FraudScenario s) {
        return new DraftTransaction(timeSeconds, customerId, terminalId, amountCents, s);
    }

    DraftTransaction withAmountCents(long cents) {
        return new DraftTransaction(timeSeconds, customerId, terminalId, cents, scenario);
    }
}
