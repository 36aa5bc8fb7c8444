package dev.flywheel.simulator;

import java.util.List;

/** Scenario 1: every payment above 220 is a fraud — the obvious pattern any model should catch. */
final class LargeAmountFrauds implements FraudInjector {

    static final long THRESHOLD_CENTS = 220_00;

    @Override
    public void apply(int day, List<DraftTransaction> transactions) {
        for (int i = 0; i < transactions.size(); i++) {
            DraftTransaction tx = transactions.get(i);
            if (tx.amountCents() > THRESHOLD_CENTS) {
                transactions.set(i, tx.withScenario(FraudScenario.LARGE_AMOUNT));
            }
        }
    }
}
