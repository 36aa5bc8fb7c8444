package dev.flywheel.simulator;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything the simulated data depends on: with the same config the simulator emits the same
 * events, byte for byte.
 *
 * @param customers       number of customers (cards)
 * @param terminals       number of payment terminals
 * @param days            simulated horizon in days; like the handbook, fraud scenarios 2 and 3 draw
 *                        on every day but the last
 * @param start           instant of day 0, 00:00
 * @param radius          customers use terminals at a distance strictly less than this (grid 100×100)
 * @param seed            master seed every random stream is derived from
 * @param newFraudPattern the concept-drift switch
 * @param labelDelay      when labels become known
 */
public record SimulationConfig(int customers, int terminals, int days, Instant start, double radius, long seed,
                               NewFraudPattern newFraudPattern, LabelDelay labelDelay) {

    public static final Instant STANDARD_START = Instant.parse("2018-04-01T00:00:00Z");

    public SimulationConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(newFraudPattern, "newFraudPattern");
        Objects.requireNonNull(labelDelay, "labelDelay");
        if (customers < 1 || terminals < 1 || days < 1 || radius < 0) {
            throw new IllegalArgumentException("need customers, terminals, days >= 1 and radius >= 0");
        }
    }

    /** The handbook's standard dataset: 5000 customers, 10000 terminals, 183 days from 2018-04-01, r = 5, seed 0. */
    public static SimulationConfig standard() {
        return new SimulationConfig(5000, 10000, 183, STANDARD_START, 5, 0, NewFraudPattern.off(), LabelDelay.standard());
    }

    public SimulationConfig withPopulation(int customerCount, int terminalCount) {
        return new SimulationConfig(customerCount, terminalCount, days, start, radius, seed, newFraudPattern, labelDelay);
    }

    public SimulationConfig withDays(int dayCount) {
        return new SimulationConfig(customers, terminals, dayCount, start, radius, seed, newFraudPattern, labelDelay);
    }

    public SimulationConfig withStart(Instant dayZero) {
        return new SimulationConfig(customers, terminals, days, dayZero, radius, seed, newFraudPattern, labelDelay);
    }

    public SimulationConfig withRadius(double r) {
        return new SimulationConfig(customers, terminals, days, start, r, seed, newFraudPattern, labelDelay);
    }

    public SimulationConfig withSeed(long masterSeed) {
        return new SimulationConfig(customers, terminals, days, start, radius, masterSeed, newFraudPattern, labelDelay);
    }

    public SimulationConfig withNewFraudPattern(NewFraudPattern pattern) {
        return new SimulationConfig(customers, terminals, days, start, radius, seed, pattern, labelDelay);
    }

    public SimulationConfig withLabelDelay(LabelDelay delay) {
        return new SimulationConfig(customers, terminals, days, start, radius, seed, newFraudPattern, delay);
    }
}
