package dev.flywheel.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.CombinationSampler;

/**
 * Scenario 3, leaked card credentials used card-not-present: each day but the last, 3 customers are
 * drawn without replacement; during that day and the next 13, a third of their payments get their
 * amount multiplied by 5 and become frauds.
 *
 * <p>The handbook picks exactly {@code int(n/3)} of the n payments of the whole 14-day window, which
 * a day-by-day stream cannot do without knowing future days. Instead each payment in the window is
 * picked with probability 1/3 from a stream seeded by (draw day, current day): the same expectation,
 * slightly more frauds on average (no rounding down), and still deterministic.
 *
 * <p>Consequences kept from the handbook: a payment already labelled S1 or S2 is relabelled S3; a
 * payment picked by two overlapping draws of the same customer is multiplied by 25; S1 is not
 * re-applied after the ×5, so an inflated amount above 220 stays S3.
 */
final class CompromisedCardFrauds implements FraudInjector {

    static final int CARDS_PER_DAY = 3;
    static final int DAYS_COMPROMISED = 14;
    static final int AMOUNT_FACTOR = 5;

    private record Draw(int day, int[] customers) {
        boolean contains(int customerId) {
            for (int c : customers) {
                if (c == customerId) {
                    return true;
                }
            }
            return false;
        }
    }

    private final int customerCount;
    private final int drawDaysEnd;
    private final Seeds seeds;
    private final List<Draw> active = new ArrayList<>();

    CompromisedCardFrauds(int customerCount, int drawDaysEnd, Seeds seeds) {
        this.customerCount = customerCount;
        this.drawDaysEnd = drawDaysEnd;
        this.seeds = seeds;
    }

    @Override
    public void apply(int day, List<DraftTransaction> transactions) {
        active.removeIf(draw -> draw.day() + DAYS_COMPROMISED <= day);
        if (day < drawDaysEnd) {
            int k = Math.min(CARDS_PER_DAY, customerCount);
            active.add(new Draw(day,
                    new CombinationSampler(seeds.rng(Seeds.Stream.COMPROMISED_CARDS, day), customerCount, k).sample()));
        }
        for (Draw draw : active) {
            UniformRandomProvider rng = seeds.rng(Seeds.Stream.COMPROMISED_CARD_TRANSACTIONS, draw.day(), day);
            for (int i = 0; i < transactions.size(); i++) {
                DraftTransaction tx = transactions.get(i);
                if (draw.contains(tx.customerId()) && rng.nextInt(3) == 0) {
                    transactions.set(i, tx.withAmountCents(tx.amountCents() * AMOUNT_FACTOR)
                            .withScenario(FraudScenario.COMPROMISED_CARD));
                }
            }
        }
    }

    /** Customers compromised on the day last applied (a customer drawn twice appears once). */
    List<Integer> compromisedCustomers() {
        return active.stream().flatMapToInt(d -> Arrays.stream(d.customers())).distinct().boxed().toList();
    }
}
