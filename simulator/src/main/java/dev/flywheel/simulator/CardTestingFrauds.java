package dev.flywheel.simulator;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.CombinationSampler;

/**
 * Scenario 4, the drift pattern "card testing": fraudsters check stolen card numbers with bursts of
 * tiny payments before using them. From the pattern's start day, {@code cardsPerDay} customers are
 * drawn each day and stay compromised for {@code durationDays}; on each of those days a card gets a
 * burst of 3–8 extra payments at night (00:00–05:00), a few seconds to three minutes apart, of
 * U(0.5, 10) each, at terminals drawn uniformly among all terminals (so almost always outside the
 * customer's radius). Every one is a fraud, scenario 4.
 *
 * <p>It runs after S1–S3 and only adds payments, so it changes nothing before the start day and the
 * earlier scenarios never relabel it. Its streams are its own, so switching it on leaves every
 * other random draw unchanged.
 */
final class CardTestingFrauds implements FraudInjector {

    static final int MIN_BURST = 3;
    static final int MAX_BURST = 8;
    static final long NIGHT_END_SECONDS = 5 * 3600;
    static final long LATEST_BURST_START = 4 * 3600;
    static final long MIN_GAP_SECONDS = 5;
    static final long MAX_GAP_SECONDS = 180;
    static final double MIN_AMOUNT = 0.5;
    static final double MAX_AMOUNT = 10;

    private record Draw(int day, int[] customers) {
    }

    private final NewFraudPattern pattern;
    private final int customerCount;
    private final int terminalCount;
    private final Seeds seeds;
    private final List<Draw> active = new ArrayList<>();

    CardTestingFrauds(NewFraudPattern pattern, int customerCount, int terminalCount, Seeds seeds) {
        this.pattern = pattern;
        this.customerCount = customerCount;
        this.terminalCount = terminalCount;
        this.seeds = seeds;
    }

    @Override
    public void apply(int day, List<DraftTransaction> transactions) {
        active.removeIf(draw -> draw.day() + pattern.durationDays() <= day);
        if (pattern.drawsOn(day)) {
            int k = Math.min(pattern.cardsPerDay(), customerCount);
            active.add(new Draw(day,
                    new CombinationSampler(seeds.rng(Seeds.Stream.CARD_TESTING_CARDS, day), customerCount, k).sample()));
        }
        long dayOffset = day * DailySpending.SECONDS_PER_DAY;
        for (Draw draw : active) {
            UniformRandomProvider rng = seeds.rng(Seeds.Stream.CARD_TESTING_BURSTS, draw.day(), day);
            for (int customer : draw.customers()) {
                addBurst(customer, dayOffset, rng, transactions);
            }
        }
    }

    private void addBurst(int customer, long dayOffset, UniformRandomProvider rng, List<DraftTransaction> out) {
        int size = rng.nextInt(MIN_BURST, MAX_BURST + 1);
        // Starts by 04:00 and at most 7 gaps of 3 minutes follow, so the burst ends before 05:00.
        long time = rng.nextLong(1, LATEST_BURST_START + 1);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                time += rng.nextLong(MIN_GAP_SECONDS, MAX_GAP_SECONDS + 1);
            }
            long cents = Math.round(rng.nextDouble(MIN_AMOUNT, MAX_AMOUNT) * 100);
            out.add(new DraftTransaction(dayOffset + time, customer, rng.nextInt(terminalCount), cents,
                    FraudScenario.CARD_TESTING));
        }
    }
}
