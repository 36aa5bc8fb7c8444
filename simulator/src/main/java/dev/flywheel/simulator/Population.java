package dev.flywheel.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The customers and terminals of a simulation and, for each customer, the terminals it may use:
 * those strictly closer than the radius (handbook §1.1–1.3). Profiles are drawn in id order from
 * one stream each, so they depend only on the seed and the counts.
 */
public final class Population {

    /** Side of the square grid customers and terminals live on. */
    public static final double GRID_SIZE = 100;

    private final List<CustomerProfile> customers;
    private final List<TerminalProfile> terminals;
    private final double radius;
    private final int[][] availableTerminals;

    private Population(List<CustomerProfile> customers, List<TerminalProfile> terminals, double radius) {
        this.customers = List.copyOf(customers);
        this.terminals = List.copyOf(terminals);
        this.radius = radius;
        TerminalGrid grid = new TerminalGrid(this.terminals, radius);
        this.availableTerminals = this.customers.stream()
                .map(c -> grid.within(c.x(), c.y(), radius))
                .toArray(int[][]::new);
    }

    /** Draws the population of {@code config}. */
    public static Population generate(SimulationConfig config) {
        Seeds seeds = new Seeds(config.seed());
        return new Population(drawCustomers(config.customers(), seeds.rng(Seeds.Stream.CUSTOMER_PROFILES)),
                drawTerminals(config.terminals(), seeds.rng(Seeds.Stream.TERMINAL_PROFILES)), config.radius());
    }

    /** A population with given profiles; ids must be 0..n-1 in list order. */
    static Population of(List<CustomerProfile> customers, List<TerminalProfile> terminals, double radius) {
        for (int i = 0; i < customers.size(); i++) {
            if (customers.get(i).id() != i) {
                throw new IllegalArgumentException("customer ids must be 0..n-1 in order");
            }
        }
        for (int i = 0; i < terminals.size(); i++) {
            if (terminals.get(i).id() != i) {
                throw new IllegalArgumentException("terminal ids must be 0..n-1 in order");
            }
        }
        return new Population(customers, terminals, radius);
    }

    private static List<CustomerProfile> drawCustomers(int count, UniformRandomProvider rng) {
        List<CustomerProfile> drawn = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            double x = rng.nextDouble(0, GRID_SIZE);
            double y = rng.nextDouble(0, GRID_SIZE);
            double meanAmount = rng.nextDouble(5, 100);
            double meanTxPerDay = rng.nextDouble(0, 4);
            drawn.add(new CustomerProfile(id, x, y, meanAmount, meanAmount / 2, meanTxPerDay));
        }
        return drawn;
    }

    private static List<TerminalProfile> drawTerminals(int count, UniformRandomProvider rng) {
        List<TerminalProfile> drawn = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            drawn.add(new TerminalProfile(id, rng.nextDouble(0, GRID_SIZE), rng.nextDouble(0, GRID_SIZE)));
        }
        return drawn;
    }

    public List<CustomerProfile> customers() {
        return customers;
    }

    public List<TerminalProfile> terminals() {
        return terminals;
    }

    public double radius() {
        return radius;
    }

    /** Ids of the terminals customer {@code customerId} may use, ascending; possibly empty. */
    public int[] availableTerminals(int customerId) {
        return availableTerminals[customerId].clone();
    }

    /** Whether {@code terminalId} is within the customer's radius. */
    public boolean isAvailable(int customerId, int terminalId) {
        return Arrays.binarySearch(availableTerminals[customerId], terminalId) >= 0;
    }

    /** Mean number of available terminals per customer (≈ 75–80 for the standard dataset). */
    public double meanAvailableTerminals() {
        return Arrays.stream(availableTerminals).mapToInt(a -> a.length).average().orElse(0);
    }

    int[] availableTerminalsShared(int customerId) {
        return availableTerminals[customerId];
    }
}
