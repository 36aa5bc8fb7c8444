package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

class DeterminismTest {

    private static final SimulationConfig SMALL = SimulationConfig.standard()
            .withPopulation(1000, 2000).withDays(20).withNewFraudPattern(NewFraudPattern.cardTestingFrom(5));

    @Test
    void sameConfigAndSeedGiveIdenticalEvents() {
        // Given two simulations of the same config
        // When the first 30,000 events of each are taken
        List<SimEvent> first = take(new Simulation(SMALL).events(), 30_000);
        List<SimEvent> second = take(new Simulation(SMALL).events(), 30_000);

        // Then they are identical, labels included
        assertThat(first).hasSize(30_000).containsExactlyElementsOf(second);
        assertThat(first).anyMatch(FraudLabel.class::isInstance);
    }

    @Test
    void differentSeedGivesDifferentEvents() {
        // Given the same config with another seed
        List<SimEvent> seed0 = take(new Simulation(SMALL).events(), 1_000);
        List<SimEvent> seed1 = take(new Simulation(SMALL.withSeed(1)).events(), 1_000);

        // Then the streams differ, already in their customers and amounts
        assertThat(seed0).isNotEqualTo(seed1);
        assertThat(customersAndAmounts(seed0)).isNotEqualTo(customersAndAmounts(seed1));
    }

    @Test
    void aRunCutShortIsAPrefixOfTheFullRun() {
        // Given a run limited to 6 of the 20 days
        List<SimEvent> limited = take(new Simulation(SMALL).transactions(6), Integer.MAX_VALUE);

        // When the full run is read as far
        List<SimEvent> full = take(new Simulation(SMALL).transactions(), limited.size() + 1);

        // Then the limited run is exactly its beginning, and the full run goes on
        assertThat(full.subList(0, limited.size())).containsExactlyElementsOf(limited);
        assertThat(((CardTransaction) full.get(limited.size())).txTimeDays()).isEqualTo(6);
    }

    @Test
    void transactionIdsAreARunningCounterInTimeOrder() {
        // When transactions are read
        List<SimEvent> txs = take(new Simulation(SMALL).transactions(3), Integer.MAX_VALUE);

        // Then ids count 0, 1, 2, ... and times never go back
        for (int i = 0; i < txs.size(); i++) {
            assertThat(txs.get(i).transactionId()).isEqualTo(Integer.toString(i));
            if (i > 0) {
                assertThat(txs.get(i).time()).isAfterOrEqualTo(txs.get(i - 1).time());
            }
        }
    }

    private static List<String> customersAndAmounts(List<SimEvent> events) {
        return events.stream().filter(CardTransaction.class::isInstance).map(CardTransaction.class::cast)
                .map(tx -> tx.customerId() + ":" + tx.amountCents()).toList();
    }

    static List<SimEvent> take(Iterator<? extends SimEvent> events, int n) {
        List<SimEvent> taken = new ArrayList<>();
        while (taken.size() < n && events.hasNext()) {
            taken.add(events.next());
        }
        return taken;
    }
}
