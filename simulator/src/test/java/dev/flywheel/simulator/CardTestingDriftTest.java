package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardTestingDriftTest {

    private static final int DAYS = 40;
    private static final int START_DAY = 20;
    private static final NewFraudPattern CARD_TESTING = NewFraudPattern.cardTestingFrom(START_DAY);
    private static final SimulationConfig BASE = SimulationConfig.standard().withPopulation(2000, 4000).withDays(DAYS);

    private Simulation drifting;
    private List<CardTransaction> withDrift;
    private List<CardTransaction> withoutDrift;

    @BeforeAll
    void generate() {
        // Given the same world with and without card testing from day 20
        drifting = new Simulation(BASE.withNewFraudPattern(CARD_TESTING));
        withDrift = all(drifting.transactions());
        withoutDrift = all(new Simulation(BASE).transactions());
    }

    @Test
    void thePatternIsInvisibleBeforeItsStartDay() {
        // Then no scenario-4 transaction precedes the start day
        assertThat(withDrift).filteredOn(tx -> tx.txTimeDays() < START_DAY)
                .noneMatch(tx -> tx.scenario() == FraudScenario.CARD_TESTING);
        // And the data before the start day is exactly that of a run without drift
        List<CardTransaction> before = withDrift.stream().filter(tx -> tx.txTimeDays() < START_DAY).toList();
        assertThat(withoutDrift.subList(0, before.size())).containsExactlyElementsOf(before);
        assertThat(withoutDrift.get(before.size()).txTimeDays()).isEqualTo(START_DAY);
    }

    @Test
    void eachDayAfterTheStartCarriesTheExpectedNumberOfBursts() {
        int[] perDay = scenario4PerDay();
        int cards = CARD_TESTING.cardsPerDay();
        for (int day = START_DAY; day < DAYS; day++) {
            // Then on day start+k, min(k+1, 7) draws of 8 cards each add 3 to 8 payments per card
            int activeCards = cards * Math.min(day - START_DAY + 1, CARD_TESTING.durationDays());
            assertThat(perDay[day]).as("day %d", day)
                    .isBetween(activeCards * CardTestingFrauds.MIN_BURST, activeCards * CardTestingFrauds.MAX_BURST);
        }
        // And in the steady state they average 56 cards × 5.5 = 308 a day
        double steady = 0;
        int steadyFrom = START_DAY + CARD_TESTING.durationDays() - 1;
        for (int day = steadyFrom; day < DAYS; day++) {
            steady += perDay[day];
        }
        assertThat(steady / (DAYS - steadyFrom)).isCloseTo(308, withPercentage(10));
    }

    @Test
    void cardTestingHappensAtNightWithSmallAmountsFarFromHome() {
        List<CardTransaction> cardTesting = withDrift.stream()
                .filter(tx -> tx.scenario() == FraudScenario.CARD_TESTING).toList();
        assertThat(cardTesting).hasSizeGreaterThan(3000);

        // Then every one is a fraud between 00:00 and 05:00 of 0.50 to 10.00
        assertThat(cardTesting).allSatisfy(tx -> {
            assertThat(tx.isFraud()).isTrue();
            assertThat(tx.timeOfDaySeconds()).isBetween(1L, CardTestingFrauds.NIGHT_END_SECONDS - 1);
            assertThat(tx.txAmount()).isBetween(new BigDecimal("0.50"), new BigDecimal("10.00"));
        });
        // And terminals are drawn from the whole grid: only ≈ 31/4000 fall within the customer's radius
        long outside = cardTesting.stream()
                .filter(tx -> !drifting.population().isAvailable(tx.customerId(), tx.terminalId())).count();
        assertThat(outside / (double) cardTesting.size()).isGreaterThan(0.97);
        // While genuine payments never leave it
        assertThat(withDrift).filteredOn(tx -> tx.scenario() == FraudScenario.GENUINE)
                .allMatch(tx -> drifting.population().isAvailable(tx.customerId(), tx.terminalId()));
    }

    @Test
    void genuineNightPaymentsAreRareSoThePatternStandsOut() {
        // Then after the start day most small night-time payments are card testing
        long smallAtNight = withDrift.stream()
                .filter(tx -> tx.txTimeDays() >= START_DAY + 6)
                .filter(tx -> tx.timeOfDaySeconds() < CardTestingFrauds.NIGHT_END_SECONDS && tx.amountCents() <= 1000)
                .count();
        long testing = withDrift.stream()
                .filter(tx -> tx.txTimeDays() >= START_DAY + 6 && tx.scenario() == FraudScenario.CARD_TESTING)
                .count();
        assertThat(testing / (double) smallAtNight).isGreaterThan(0.8);
    }

    private int[] scenario4PerDay() {
        int[] perDay = new int[DAYS];
        withDrift.stream().filter(tx -> tx.scenario() == FraudScenario.CARD_TESTING)
                .forEach(tx -> perDay[tx.txTimeDays()]++);
        return perDay;
    }

    private static List<CardTransaction> all(TransactionStream stream) {
        List<CardTransaction> out = new ArrayList<>();
        stream.forEachRemaining(out::add);
        return out;
    }
}
