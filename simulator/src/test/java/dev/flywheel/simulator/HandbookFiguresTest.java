package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The full standard dataset (5000 customers, 10000 terminals, 183 days, ~1.75M transactions),
 * streamed and counted on the fly, against the figures the handbook publishes (FRAUD-DATA.md §1).
 * Our draws are not numpy's, so the figures must agree statistically, not exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandbookFiguresTest {

    private static final int DAYS = 183;

    private Simulation simulation;
    private long transactions;
    private final Map<FraudScenario, Long> byScenario = new EnumMap<>(FraudScenario.class);
    private final long[] txPerDay = new long[DAYS];
    private final long[] fraudPerDay = new long[DAYS];
    private long timeDraws;
    private long droppedTimeDraws;
    private long minTimeOfDay = Long.MAX_VALUE;
    private long maxTimeOfDay = Long.MIN_VALUE;
    private long unavailableTerminalUses;
    private long elapsedMillis;
    private long genuineAbove220;
    private long compromisedCardAbove220;
    private final Set<Long> terminalDaysWithS1 = new HashSet<>();
    private final Set<Long> terminalDaysWithS2 = new HashSet<>();

    @BeforeAll
    void streamTheStandardDataset() {
        // Given the handbook's standard configuration
        long t0 = System.nanoTime();
        simulation = new Simulation(SimulationConfig.standard());

        // When the whole dataset is streamed and counted
        TransactionStream stream = simulation.transactions();
        while (stream.hasNext()) {
            CardTransaction tx = stream.next();
            transactions++;
            byScenario.merge(tx.scenario(), 1L, Long::sum);
            txPerDay[tx.txTimeDays()]++;
            if (tx.isFraud()) {
                fraudPerDay[tx.txTimeDays()]++;
            }
            minTimeOfDay = Math.min(minTimeOfDay, tx.timeOfDaySeconds());
            maxTimeOfDay = Math.max(maxTimeOfDay, tx.timeOfDaySeconds());
            long terminalDay = (long) tx.txTimeDays() * 1_000_000 + tx.terminalId();
            switch (tx.scenario()) {
                case GENUINE -> genuineAbove220 += tx.amountCents() > LargeAmountFrauds.THRESHOLD_CENTS ? 1 : 0;
                case LARGE_AMOUNT -> terminalDaysWithS1.add(terminalDay);
                case COMPROMISED_TERMINAL -> terminalDaysWithS2.add(terminalDay);
                case COMPROMISED_CARD -> compromisedCardAbove220 += tx.amountCents() > LargeAmountFrauds.THRESHOLD_CENTS ? 1 : 0;
                default -> { }
            }
            if (!simulation.population().isAvailable(tx.customerId(), tx.terminalId())) {
                unavailableTerminalUses++;
            }
        }
        timeDraws = stream.timeDraws();
        droppedTimeDraws = stream.droppedTimeDraws();
        elapsedMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("standard dataset: %d tx in %d ms; by scenario %s; dropped %d of %d time draws; "
                + "mean terminals %.2f%n", transactions, elapsedMillis, byScenario, droppedTimeDraws, timeDraws,
                simulation.population().meanAvailableTerminals());
    }

    @Test
    void totalTransactionsMatchTheHandbook() {
        // Then about 1,754,155 transactions, ≈ 9,586 a day
        assertThat(transactions).isCloseTo(1_754_155L, withPercentage(3));
        assertThat(transactions / (double) DAYS).isCloseTo(9_586, withPercentage(3));
    }

    @Test
    void fraudRateMatchesTheHandbook() {
        long frauds = transactions - byScenario.getOrDefault(FraudScenario.GENUINE, 0L);
        // Then ≈ 0.84 % of transactions are frauds
        assertThat(frauds / (double) transactions).isBetween(0.0070, 0.0098);
    }

    @Test
    void perScenarioCountsMatchTheHandbook() {
        // Then the final scenario counts are near 973 / 9,077 / 4,631, and the drift pattern is absent
        assertThat(byScenario.getOrDefault(FraudScenario.LARGE_AMOUNT, 0L)).isCloseTo(973L, withPercentage(25));
        assertThat(byScenario.getOrDefault(FraudScenario.COMPROMISED_TERMINAL, 0L)).isCloseTo(9_077L, withPercentage(25));
        assertThat(byScenario.getOrDefault(FraudScenario.COMPROMISED_CARD, 0L)).isCloseTo(4_631L, withPercentage(25));
        assertThat(byScenario).doesNotContainKey(FraudScenario.CARD_TESTING);
    }

    @Test
    void customersSeeAboutSeventyFiveToEightyTerminals() {
        // Then π·5²·10000/100² ≈ 78.5 before edge effects, fewer after
        assertThat(simulation.population().meanAvailableTerminals()).isBetween(75.0, 80.0);
        assertThat(unavailableTerminalUses).isZero();
    }

    @Test
    void firstMonthHasFewerFraudsThanLater() {
        // Then the first 30 days have a lower fraud rate: S2/S3 windows are still filling up
        double firstMonth = rate(0, 30);
        double later = rate(30, DAYS);
        assertThat(firstMonth).isLessThan(later * 0.8);
    }

    @Test
    void aboutThreePercentOfTimeDrawsAreDropped() {
        // Then P(|N(0,1)| > 2.16) ≈ 3.1 % of draws fall outside (0, 86400), and none of the kept does
        assertThat(droppedTimeDraws / (double) timeDraws).isCloseTo(0.031, within(0.003));
        assertThat(minTimeOfDay).isGreaterThan(0);
        assertThat(maxTimeOfDay).isLessThan(86_400);
        assertThat(timeDraws - droppedTimeDraws).isGreaterThanOrEqualTo(transactions);
    }

    @Test
    void scenariosFollowTheHandbooksOrder() {
        // Then S1 catches every large genuine amount
        assertThat(genuineAbove220).isZero();
        // And S2 overwrote S1: a terminal compromised on a day carries no S1 label that day
        Set<Long> both = new HashSet<>(terminalDaysWithS1);
        both.retainAll(terminalDaysWithS2);
        assertThat(both).isEmpty();
        // And S1 was not re-applied after the ×5: inflated amounts above 220 stay S3
        assertThat(compromisedCardAbove220).isGreaterThan(100);
    }

    private double rate(int fromDay, int toDay) {
        long tx = 0;
        long fraud = 0;
        for (int d = fromDay; d < toDay; d++) {
            tx += txPerDay[d];
            fraud += fraudPerDay[d];
        }
        return fraud / (double) tx;
    }
}
