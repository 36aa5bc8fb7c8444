package dev.flywheel.simulator;

/**
 * The concept-drift switch: "card testing", a fraud pattern the handbook's data never shows, which
 * starts on a chosen simulated day. From {@code startDay} on, each day {@code cardsPerDay} customers
 * are compromised for {@code durationDays}; on each day of its window a compromised card gets a
 * night-time burst of small payments at terminals anywhere on the grid (scenario 4).
 *
 * @param enabled      whether the pattern appears at all (off by default)
 * @param startDay     first simulated day (0-based) on which cards are compromised
 * @param cardsPerDay  cards newly compromised each day
 * @param durationDays how many days each compromised card keeps being tested
 */
public record NewFraudPattern(boolean enabled, int startDay, int cardsPerDay, int durationDays) {

    public static final int DEFAULT_CARDS_PER_DAY = 8;
    public static final int DEFAULT_DURATION_DAYS = 7;

    public NewFraudPattern {
        if (startDay < 0 || cardsPerDay < 0 || durationDays < 1) {
            throw new IllegalArgumentException("card testing needs startDay >= 0, cardsPerDay >= 0, durationDays >= 1");
        }
    }

    /** No drift: the data follows the handbook's three scenarios only. */
    public static NewFraudPattern off() {
        return new NewFraudPattern(false, 0, DEFAULT_CARDS_PER_DAY, DEFAULT_DURATION_DAYS);
    }

    /** Card testing from {@code startDay} with the default intensity. */
    public static NewFraudPattern cardTestingFrom(int startDay) {
        return new NewFraudPattern(true, startDay, DEFAULT_CARDS_PER_DAY, DEFAULT_DURATION_DAYS);
    }

    public NewFraudPattern withCardsPerDay(int cards) {
        return new NewFraudPattern(enabled, startDay, cards, durationDays);
    }

    public NewFraudPattern withDurationDays(int days) {
        return new NewFraudPattern(enabled, startDay, cardsPerDay, days);
    }

    /** Whether new cards are compromised on {@code day}. */
    boolean drawsOn(int day) {
        return enabled && day >= startDay;
    }
}
