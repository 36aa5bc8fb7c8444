package dev.flywheel.simulator;

/**
 * A card holder as the handbook draws them (§1.1): a home on the 100×100 grid and spending habits.
 *
 * @param meanAmount   mean payment, U(5, 100)
 * @param stdAmount    standard deviation of payments, {@code meanAmount / 2}
 * @param meanTxPerDay Poisson mean of payments per day, U(0, 4)
 */
public record CustomerProfile(int id, double x, double y, double meanAmount, double stdAmount, double meanTxPerDay) {
}
