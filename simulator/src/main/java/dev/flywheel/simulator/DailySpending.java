package dev.flywheel.simulator;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Generates the genuine payments of one day, customer by customer, after the handbook's
 * {@code generate_transactions_table} (§1.4): a Poisson number of payments; for each a time of day
 * {@code int(Normal(43200, 20000))} kept only inside (0, 86400); an amount Normal(mean, std),
 * redrawn U(0, 2·mean) if negative, rounded to cents; a terminal drawn uniformly among the
 * customer's available ones. Each (customer, day) has its own random stream.
 */
final class DailySpending {

    static final long SECONDS_PER_DAY = 86_400;
    private static final double TIME_MEAN = SECONDS_PER_DAY / 2.0;
    private static final double TIME_STD = 20_000;

    private final Population population;
    private final Seeds seeds;
    private long timeDraws;
    private long droppedTimeDraws;

    DailySpending(Population population, Seeds seeds) {
        this.population = population;
        this.seeds = seeds;
    }

    /** Appends day {@code day}'s payments to {@code out}, in customer order then draw order. */
    void generate(int day, List<DraftTransaction> out) {
        long dayOffset = day * SECONDS_PER_DAY;
        for (CustomerProfile customer : population.customers()) {
            if (customer.meanTxPerDay() <= 0) {
                continue; // Poisson(0) draws nothing; Commons RNG rejects a zero mean
            }
            UniformRandomProvider rng = seeds.rng(Seeds.Stream.CUSTOMER_DAY, customer.id(), day);
            int count = PoissonSampler.of(rng, customer.meanTxPerDay()).sample();
            if (count == 0) {
                continue;
            }
            ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
            int[] terminals = population.availableTerminalsShared(customer.id());
            for (int i = 0; i < count; i++) {
                // The cast truncates toward zero like Python's int(): -0.7 becomes 0 and is dropped.
                long timeOfDay = (long) (TIME_MEAN + TIME_STD * gaussian.sample());
                timeDraws++;
                if (timeOfDay <= 0 || timeOfDay >= SECONDS_PER_DAY) {
                    droppedTimeDraws++;
                    continue;
                }
                double amount = customer.meanAmount() + customer.stdAmount() * gaussian.sample();
                if (amount < 0) {
                    amount = rng.nextDouble(0, 2 * customer.meanAmount());
                }
                if (terminals.length == 0) {
                    continue;
                }
                int terminal = terminals[rng.nextInt(terminals.length)];
                out.add(new DraftTransaction(dayOffset + timeOfDay, customer.id(), terminal,
                        Math.round(amount * 100), FraudScenario.GENUINE));
            }
        }
    }

    /** Times of day drawn so far. */
    long timeDraws() {
        return timeDraws;
    }

    /** Draws dropped for falling outside (0, 86400) — about 3 %. */
    long droppedTimeDraws() {
        return droppedTimeDraws;
    }
}
