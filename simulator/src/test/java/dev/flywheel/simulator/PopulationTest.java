package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PopulationTest {

    @Test
    void onlyTerminalsStrictlyCloserThanTheRadiusAreAvailable() {
        // Given a customer at (50, 50) and terminals at distance exactly 5 or just under
        List<CustomerProfile> customers = List.of(new CustomerProfile(0, 50, 50, 20, 10, 1));
        List<TerminalProfile> terminals = List.of(
                new TerminalProfile(0, 55, 50),        // exactly 5
                new TerminalProfile(1, 54.999, 50),    // just inside
                new TerminalProfile(2, 47, 46),        // 3-4-5: exactly 5
                new TerminalProfile(3, 50, 45.001),    // just inside
                new TerminalProfile(4, 80, 80));       // far away

        // When the population is built with r = 5
        Population population = Population.of(customers, terminals, 5);

        // Then only the terminals strictly inside are available
        assertThat(population.availableTerminals(0)).containsExactly(1, 3);
    }

    @Test
    void theGridFindsTheSameTerminalsAsComparingEveryPair() {
        // Given a random population with an odd radius
        Population population = Population.generate(SimulationConfig.standard().withPopulation(400, 3000).withRadius(7.3));

        // Then each customer's terminals are exactly those a brute-force scan finds
        for (CustomerProfile c : population.customers()) {
            int[] bruteForce = population.terminals().stream()
                    .filter(t -> Math.hypot(t.x() - c.x(), t.y() - c.y()) < 7.3)
                    .mapToInt(TerminalProfile::id).toArray();
            assertThat(population.availableTerminals(c.id())).containsExactly(bruteForce);
        }
    }

    @Test
    void profilesFollowTheHandbooksDistributions() {
        // Given the standard population
        Population population = Population.generate(SimulationConfig.standard());

        // Then every profile is within its range and the means are those of the uniforms
        assertThat(population.customers()).hasSize(5000).allSatisfy(c -> {
            assertThat(c.x()).isBetween(0.0, 100.0);
            assertThat(c.y()).isBetween(0.0, 100.0);
            assertThat(c.meanAmount()).isBetween(5.0, 100.0);
            assertThat(c.stdAmount()).isEqualTo(c.meanAmount() / 2);
            assertThat(c.meanTxPerDay()).isBetween(0.0, 4.0);
        });
        assertThat(population.terminals()).hasSize(10000);
        assertThat(population.customers().stream().mapToDouble(CustomerProfile::meanAmount).average().orElseThrow())
                .isCloseTo(52.5, within(1.5));
        assertThat(population.customers().stream().mapToDouble(CustomerProfile::meanTxPerDay).average().orElseThrow())
                .isCloseTo(2.0, within(0.06));
        assertThat(IntStream.range(0, 5000).map(i -> population.availableTerminals(i).length).max().orElseThrow())
                .isLessThan(130);
    }
}
