package dev.flywheel.simulator;

/** Why a transaction is (or is not) a fraud; {@link #code()} is the handbook's {@code TX_FRAUD_SCENARIO}. */
public enum FraudScenario {
    GENUINE(0),
    /** S1: any payment above 220. */
    LARGE_AMOUNT(1),
    /** S2: payments at a terminal compromised for 28 days. */
    COMPROMISED_TERMINAL(2),
    /** S3: a third of a leaked card's payments over 14 days, amounts ×5. */
    COMPROMISED_CARD(3),
    /** S4, the drift pattern: night-time bursts of small payments far from home. */
    CARD_TESTING(4);

    private final int code;

    FraudScenario(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean isFraud() {
        return this != GENUINE;
    }

    public static FraudScenario ofCode(int code) {
        for (FraudScenario s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown fraud scenario " + code);
    }
}
