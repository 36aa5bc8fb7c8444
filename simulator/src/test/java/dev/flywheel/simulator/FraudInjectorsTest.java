package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The handbook's ordering and overwrite rules, on hand-made days. */
class FraudInjectorsTest {

    private static final Seeds SEEDS = new Seeds(42);

    @Test
    void scenarioOneIsStrictlyAbove220() {
        List<DraftTransaction> day = new ArrayList<>(List.of(tx(0, 0, 220_00), tx(0, 0, 220_01)));

        new LargeAmountFrauds().apply(0, day);

        assertThat(day).extracting(DraftTransaction::scenario)
                .containsExactly(FraudScenario.GENUINE, FraudScenario.LARGE_AMOUNT);
    }

    @Test
    void compromisedTerminalsOverwriteScenarioOneForTwentyEightDays() {
        // Given 10 terminals, a draw on day 0 only, and large payments on every terminal
        var s2 = new CompromisedTerminalFrauds(10, 1, SEEDS);
        List<DraftTransaction> day0 = everyTerminal(10, 500_00);
        new LargeAmountFrauds().apply(0, day0);

        // When scenario 2 runs on day 0
        s2.apply(0, day0);

        // Then exactly the 2 drawn terminals turn S1 into S2; the others keep S1
        assertThat(s2.compromisedTerminals()).hasSize(2);
        assertThat(day0).filteredOn(tx -> s2.compromisedTerminals().contains(tx.terminalId()))
                .extracting(DraftTransaction::scenario).containsOnly(FraudScenario.COMPROMISED_TERMINAL).hasSize(2);
        assertThat(day0).filteredOn(tx -> !s2.compromisedTerminals().contains(tx.terminalId()))
                .extracting(DraftTransaction::scenario).containsOnly(FraudScenario.LARGE_AMOUNT);

        // And the terminals stay compromised through day 27, not on day 28
        for (int day = 1; day < 28; day++) {
            s2.apply(day, new ArrayList<>());
        }
        List<DraftTransaction> day27 = everyTerminal(10, 10_00);
        assertThat(s2.compromisedTerminals()).hasSize(2);
        s2.apply(28, day27);
        assertThat(day27).extracting(DraftTransaction::scenario).containsOnly(FraudScenario.GENUINE);
    }

    @Test
    void compromisedCardsInflateAThirdOfTheirPaymentsAndRelabelEarlierScenarios() {
        // Given 3 customers (so all are drawn) and a draw on day 0 only
        var s3 = new CompromisedCardFrauds(3, 1, SEEDS);
        List<DraftTransaction> day0 = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            DraftTransaction tx = tx(i % 3, i % 7, 100_00);
            day0.add(i % 2 == 0 ? tx.withScenario(FraudScenario.COMPROMISED_TERMINAL) : tx);
        }

        // When scenario 3 runs
        s3.apply(0, day0);

        // Then about a third become S3 with amount ×5 — 500.00 stays S3, S1 is not re-applied
        List<DraftTransaction> picked = day0.stream().filter(tx -> tx.scenario() == FraudScenario.COMPROMISED_CARD).toList();
        assertThat(picked.size() / 3000.0).isBetween(0.30, 0.37);
        assertThat(picked).extracting(DraftTransaction::amountCents).containsOnly(500_00L);
        assertThat(day0).filteredOn(tx -> tx.scenario() != FraudScenario.COMPROMISED_CARD)
                .extracting(DraftTransaction::amountCents).containsOnly(100_00L);
        // And payments already labelled S2 (the even positions) were relabelled like the others
        assertThat(countPickedAmong(day0, 0, 2)).isBetween(400L, 600L);

        // And the window closes after 14 days
        for (int day = 1; day < 14; day++) {
            s3.apply(day, new ArrayList<>());
        }
        List<DraftTransaction> day14 = new ArrayList<>(List.of(tx(0, 0, 100_00), tx(1, 0, 100_00), tx(2, 0, 100_00)));
        s3.apply(14, day14);
        assertThat(day14).extracting(DraftTransaction::scenario).containsOnly(FraudScenario.GENUINE);
    }

    @Test
    void aPaymentPickedByTwoOverlappingDrawsIsMultipliedByTwentyFive() {
        // Given draws on days 0 and 1, both of all 3 customers
        var s3 = new CompromisedCardFrauds(3, 2, SEEDS);
        s3.apply(0, new ArrayList<>());
        List<DraftTransaction> day1 = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            day1.add(tx(i % 3, 0, 10_00));
        }

        // When scenario 3 runs on day 1
        s3.apply(1, day1);

        // Then some payments were picked twice (≈ 1/9 of them)
        long twice = day1.stream().filter(tx -> tx.amountCents() == 250_00).count();
        assertThat(twice).isBetween(60L, 140L);
    }

    private static long countPickedAmong(List<DraftTransaction> day, int fromIndex, int step) {
        long n = 0;
        for (int i = fromIndex; i < day.size(); i += step) {
            if (day.get(i).scenario() == FraudScenario.COMPROMISED_CARD) {
                n++;
            }
        }
        return n;
    }

    private static List<DraftTransaction> everyTerminal(int terminals, long cents) {
        List<DraftTransaction> day = new ArrayList<>();
        for (int t = 0; t < terminals; t++) {
            day.add(tx(0, t, cents));
        }
        return day;
    }

    private static DraftTransaction tx(int customer, int terminal, long cents) {
        return new DraftTransaction(43_200, customer, terminal, cents, FraudScenario.GENUINE);
    }
}
