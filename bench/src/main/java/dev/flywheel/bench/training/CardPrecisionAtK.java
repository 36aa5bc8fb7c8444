package dev.flywheel.bench.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Card precision@k in the Fraud Detection Handbook's final version ({@code card_precision_top_k} with
 * {@code remove_detected_compromised_cards=True}): per day, each card's highest score and whether any of its
 * payments that day is a fraud; the k highest-scored cards are checked, CP@k(day) = compromised among them / k;
 * the result is the mean over days. A compromised card found on a day is left out of the later days.
 *
 * <p>{@code contracts}' {@code BinaryMetrics.cardPrecisionAtK} is the handbook's simpler version without that
 * removal; the bench reports both. Ties in score are ordered by card, so the result is deterministic.
 */
final class CardPrecisionAtK {

    private CardPrecisionAtK() {
    }

    static double of(double[] scores, double[] labels, int[] days, int[] cards, int k) {
        Map<Integer, Map<Integer, double[]>> byDay = new TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            double[] card = byDay.computeIfAbsent(days[i], day -> new LinkedHashMap<>())
                    .computeIfAbsent(cards[i], c -> new double[] {Double.NEGATIVE_INFINITY, 0, c});
            card[0] = Math.max(card[0], scores[i]);
            card[1] = Math.max(card[1], labels[i]);
        }
        Set<Integer> detected = new HashSet<>();
        double sum = 0;
        for (Map<Integer, double[]> cardsOfDay : byDay.values()) {
            List<double[]> ranked = new ArrayList<>();
            cardsOfDay.forEach((card, value) -> {
                if (!detected.contains(card)) {
                    ranked.add(value);
                }
            });
            ranked.sort(Comparator.comparingDouble((double[] c) -> -c[0]).thenComparingDouble(c -> c[2]));
            int compromised = 0;
            for (double[] card : ranked.subList(0, Math.min(k, ranked.size()))) {
                if (card[1] == 1.0) {
                    compromised++;
                    detected.add((int) card[2]);
                }
            }
            sum += compromised / (double) k;
        }
        return byDay.isEmpty() ? Double.NaN : sum / byDay.size();
    }
}
