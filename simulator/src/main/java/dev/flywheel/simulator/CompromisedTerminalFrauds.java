package dev.flywheel.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.rng.sampling.CombinationSampler;

/**
 * Scenario 2, a compromised terminal (phishing, a skimmer): each day but the last, 2 terminals are
 * drawn without replacement and every payment on them during that day and the next 27 becomes a
 * fraud — overwriting a scenario-1 label, as in the handbook where S2 runs after S1.
 */
final class CompromisedTerminalFrauds implements FraudInjector {

    static final int TERMINALS_PER_DAY = 2;
    static final int DAYS_COMPROMISED = 28;

    private final int terminalCount;
    private final int drawDaysEnd;
    private final Seeds seeds;
    /** Terminal id → first day on which it is no longer compromised. */
    private final Map<Integer, Integer> compromisedUntil = new HashMap<>();

    /**
     * @param drawDaysEnd first day without a draw; the handbook loops over {@code range(max day)}, so
     *                    the last simulated day draws nothing
     */
    CompromisedTerminalFrauds(int terminalCount, int drawDaysEnd, Seeds seeds) {
        this.terminalCount = terminalCount;
        this.drawDaysEnd = drawDaysEnd;
        this.seeds = seeds;
    }

    @Override
    public void apply(int day, List<DraftTransaction> transactions) {
        compromisedUntil.values().removeIf(until -> until <= day);
        if (day < drawDaysEnd) {
            int k = Math.min(TERMINALS_PER_DAY, terminalCount);
            int[] drawn = new CombinationSampler(seeds.rng(Seeds.Stream.COMPROMISED_TERMINALS, day), terminalCount, k).sample();
            for (int terminal : drawn) {
                compromisedUntil.merge(terminal, day + DAYS_COMPROMISED, Math::max);
            }
        }
        for (int i = 0; i < transactions.size(); i++) {
            DraftTransaction tx = transactions.get(i);
            if (compromisedUntil.containsKey(tx.terminalId())) {
                transactions.set(i, tx.withScenario(FraudScenario.COMPROMISED_TERMINAL));
            }
        }
    }

    /** Terminals compromised on the day last applied. */
    Set<Integer> compromisedTerminals() {
        return Set.copyOf(compromisedUntil.keySet());
    }
}
