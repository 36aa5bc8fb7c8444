package dev.flywheel.model.value;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Precision@k per day, as a fraud team that reviews k cases a day sees it: each day, the share of true
 * positives among the day's k highest-scored cases, averaged over days. With an entity per row (a card), cases
 * are entities, as the Fraud Detection Handbook's card precision@k: a card scores its day's highest score and
 * is compromised if any of its transactions that day is a fraud. Unlike the handbook's final version, cards
 * found on earlier days are not removed from later ones (the rows do not say which were reviewed).
 *
 * <p>The denominator is k even on a day with fewer cases, as in the handbook, so a day with few cases cannot
 * score 1.
 *
 * @param days  the precision of each day (UTC), in date order
 * @param mean  their mean; NaN without rows
 */
public record PrecisionPerDay(int k, List<Day> days, double mean) {

    /** @param epochDay days since 1970-01-01 (UTC) */
    public record Day(long epochDay, int cases, int positivesInTopK, double precision) {
    }

    public PrecisionPerDay {
        days = List.copyOf(days);
    }

    /**
     * @param entities each row's entity (card); null to count rows as cases
     */
    public static PrecisionPerDay of(double[] scores, double[] labels, long[] epochSeconds, String[] entities, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + k);
        }
        Map<Long, Map<String, double[]>> byDay = new TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            long day = Math.floorDiv(epochSeconds[i], 86_400L);
            String entity = entities == null ? Integer.toString(i) : entities[i];
            double[] score = byDay.computeIfAbsent(day, d -> new HashMap<>())
                    .computeIfAbsent(entity, e -> new double[] {Double.NEGATIVE_INFINITY, 0});
            score[0] = Math.max(score[0], scores[i]);
            score[1] = Math.max(score[1], labels[i]);
        }
        List<Day> days = new ArrayList<>();
        double sum = 0;
        for (Map.Entry<Long, Map<String, double[]>> day : byDay.entrySet()) {
            List<double[]> cases = new ArrayList<>(day.getValue().values());
            cases.sort(Comparator.comparingDouble((double[] c) -> c[0]).reversed());
            int positives = 0;
            for (int rank = 0; rank < Math.min(k, cases.size()); rank++) {
                positives += cases.get(rank)[1] == 1.0 ? 1 : 0;
            }
            double precision = positives / (double) k;
            days.add(new Day(day.getKey(), cases.size(), positives, precision));
            sum += precision;
        }
        return new PrecisionPerDay(k, days, days.isEmpty() ? Double.NaN : sum / days.size());
    }
}
