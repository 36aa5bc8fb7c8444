package dev.flywheel.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Entry point of the simulator: draws the population of a {@link SimulationConfig} once and hands
 * out streams over it. Every stream starts from day 0 and is deterministic.
 *
 * <pre>{@code
 * Simulation sim = new Simulation(SimulationConfig.standard());
 * LabelledEventStream events = sim.events(sim.config().days());
 * }</pre>
 */
public final class Simulation {

    private final SimulationConfig config;
    private final Population population;

    public Simulation(SimulationConfig config) {
        this.config = config;
        this.population = Population.generate(config);
    }

    public SimulationConfig config() {
        return config;
    }

    public Population population() {
        return population;
    }

    /** Payments of all the config's days, with ground truth, in time order. */
    public TransactionStream transactions() {
        return transactions(config.days());
    }

    /** Payments of the first {@code limitDays} days — a prefix of the full run. */
    public TransactionStream transactions(int limitDays) {
        return new TransactionStream(config, population, limitDays);
    }

    /** Payments of all days merged with their delayed labels. */
    public LabelledEventStream events() {
        return events(config.days());
    }

    /** Payments of the first {@code limitDays} days merged with their delayed labels. */
    public LabelledEventStream events(int limitDays) {
        return new LabelledEventStream(transactions(limitDays), config.labelDelay(), new Seeds(config.seed()));
    }

    /** Simulated instant at which day {@code limitDays} begins, i.e. the end of a run of that length. */
    public Instant endOf(int limitDays) {
        return config.start().plus(Duration.ofDays(Math.min(limitDays, config.days())));
    }
}
