package dev.flywheel.contracts.metric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Quality of binary scores against 0/1 labels, with scikit-learn's definitions (scikit-learn 1.9 gave the
 * reference values in {@code src/test/resources/metric}). Labels must be 0 or 1; scores any number but NaN.
 *
 * <p>Written by hand: Apache Commons Math and Commons Statistics have no average precision, ROC AUC or
 * precision-at-k, and an ML library (Tribuo, Smile, DJL's evaluators) would bring a large dependency into
 * {@code contracts} for a few loops, with different tie handling or interpolation.
 *
 * <p><b>Undefined values are NaN, not exceptions</b>: ranking metrics need both classes, and a live window
 * of outcomes often has no positive yet (frauds are rare and labelled late). Callers test
 * {@link Double#isNaN} and say "not enough data" rather than catching. Empty input gives NaN everywhere.
 */
public final class BinaryMetrics {

    private BinaryMetrics() {
    }

    /**
     * Average precision as {@code sklearn.metrics.average_precision_score}: the step-wise area under the
     * precision-recall curve, {@code sum_n (R_n - R_{n-1}) P_n} over distinct thresholds, without
     * interpolation.
     *
     * @return in [0, 1]; NaN when there is no positive (recall is undefined) or no sample. scikit-learn
     *         returns 0 with a warning when there is no positive; 0 would read as "a useless model".
     */
    public static double averagePrecision(double[] scores, double[] labels) {
        RankedLabels ranked = RankedLabels.of(scores, labels);
        long positives = ranked.positives();
        if (positives == 0) {
            return Double.NaN;
        }
        double sum = 0;
        double previousRecall = 0;
        for (int i = 0; i < ranked.points(); i++) {
            long tp = ranked.truePositives(i);
            double recall = (double) tp / positives;
            double precision = (double) tp / (tp + ranked.falsePositives(i));
            sum += (recall - previousRecall) * precision;
            previousRecall = recall;
        }
        return sum;
    }

    /**
     * Area under the ROC curve as {@code sklearn.metrics.roc_auc_score}: the trapezoid rule over the curve's
     * points at distinct thresholds, so tied scores count as half right (the Mann-Whitney statistic).
     *
     * @return in [0, 1]; NaN when one class is missing (scikit-learn raises "Only one class present")
     */
    public static double rocAuc(double[] scores, double[] labels) {
        RankedLabels ranked = RankedLabels.of(scores, labels);
        long positives = ranked.positives();
        long negatives = ranked.negatives();
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double area = 0;
        double previousFpr = 0;
        double previousTpr = 0;
        for (int i = 0; i < ranked.points(); i++) {
            double fpr = (double) ranked.falsePositives(i) / negatives;
            double tpr = (double) ranked.truePositives(i) / positives;
            area += (fpr - previousFpr) * (tpr + previousTpr) / 2;
            previousFpr = fpr;
            previousTpr = tpr;
        }
        return area;
    }

    /**
     * Mean cross-entropy as {@code sklearn.metrics.log_loss(labels, scores, labels=[0, 1])}: each probability
     * is clipped to {@code [eps, 1 - eps]} (eps = {@link Math#ulp(double) ulp(1.0)}), so a confident mistake
     * costs about 36, not infinity. Defined for a single class too.
     *
     * @return ≥ 0, lower is better; NaN for no sample
     * @throws IllegalArgumentException when a score lies outside [0, 1]
     */
    public static double logLoss(double[] scores, double[] labels) {
        BinaryInput.check(scores, labels);
        double eps = Math.ulp(1.0);
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double p = scores[i];
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("log loss needs probabilities but score " + i + " is " + p);
            }
            double ofTruth = labels[i] == 1.0 ? p : 1 - p;
            sum -= Math.log(Math.min(Math.max(ofTruth, eps), 1 - eps));
        }
        return scores.length == 0 ? Double.NaN : sum / scores.length;
    }

    /**
     * Mean squared difference between probability and label, as {@code sklearn.metrics.brier_score_loss}:
     * how well calibrated the probabilities are, not only how they rank. Defined for a single class too.
     *
     * @return in [0, 1], lower is better; NaN for no sample
     * @throws IllegalArgumentException when a score lies outside [0, 1]
     */
    public static double brierScore(double[] scores, double[] labels) {
        BinaryInput.check(scores, labels);
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double p = scores[i];
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("the Brier score needs probabilities but score " + i + " is " + p);
            }
            double error = p - labels[i];
            sum += error * error;
        }
        return scores.length == 0 ? Double.NaN : sum / scores.length;
    }

    /** Precision of the decisions {@code score >= threshold}; see {@link ConfusionCounts#precision()}. */
    public static double precision(double[] scores, double[] labels, double threshold) {
        return ConfusionCounts.at(scores, labels, threshold).precision();
    }

    /** Recall of the decisions {@code score >= threshold}; see {@link ConfusionCounts#recall()}. */
    public static double recall(double[] scores, double[] labels, double threshold) {
        return ConfusionCounts.at(scores, labels, threshold).recall();
    }

    /**
     * The share of positives among the k highest scores: what an analyst who can check k cases finds.
     * When fewer than k samples exist, all of them are the top. Samples tied at the cut share the remaining
     * places: the value is the <b>expected</b> precision over every order of the tied samples (no order is
     * more right than another, and an order-dependent value would change with the input order). Without ties
     * at the cut this is {@code sklearn.metrics.precision_score} of the top-k decisions.
     *
     * @return in [0, 1]; NaN for no sample
     */
    public static double precisionAtK(double[] scores, double[] labels, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1 but was " + k);
        }
        RankedLabels ranked = RankedLabels.of(scores, labels);
        long top = Math.min(k, scores.length);
        if (top == 0) {
            return Double.NaN;
        }
        long previousTp = 0;
        long previousCount = 0;
        for (int i = 0; i < ranked.points(); i++) {
            long tp = ranked.truePositives(i);
            long count = tp + ranked.falsePositives(i);
            if (count >= top) {
                double tiedPositiveShare = (double) (tp - previousTp) / (count - previousCount);
                return (previousTp + (top - previousCount) * tiedPositiveShare) / top;
            }
            previousTp = tp;
            previousCount = count;
        }
        throw new IllegalStateException("the ranking holds fewer than " + top + " samples");
    }

    /**
     * F1 of the decisions {@code score >= threshold}, as {@code sklearn.metrics.f1_score} with
     * {@code zero_division=0}: {@code 2 TP / (2 TP + FP + FN)}, and 0 when there is neither a positive label
     * nor a positive decision.
     *
     * @return in [0, 1]; NaN for no sample
     */
    public static double f1(double[] scores, double[] labels, double threshold) {
        return ConfusionCounts.at(scores, labels, threshold).f1();
    }

    /**
     * Card Precision@k of the Fraud Detection Handbook (§ 4.2.3, {@code card_precision_top_k_day}): per day,
     * each card's transactions are reduced to the highest score and the highest label; the k cards with the
     * highest scores are "checked", and {@code CP@k(day) = compromised cards among them / k} (divided by k
     * even when the day has fewer cards, so a perfect score can be below 1). The result is the mean over the
     * days present.
     *
     * <p>This is the handbook's simple version: cards detected on an earlier day are <b>not</b> removed from
     * later days (the handbook's final version removes them; its figures differ slightly: 0.286 vs 0.241 for
     * the depth-2 tree). Cards with equal scores are ordered by card id, so the result is deterministic
     * (the handbook leaves such ties to pandas' unstable sort).
     *
     * @param cards the card (first entity) of each transaction
     * @param days  the day of each transaction, any integer day number; e.g. the UTC
     *              {@code LocalDate.toEpochDay()} of its event time
     * @return in [0, 1]; NaN for no sample
     */
    public static double cardPrecisionAtK(double[] scores, double[] labels, String[] cards, long[] days, int k) {
        BinaryInput.check(scores, labels);
        if (cards.length != scores.length || days.length != scores.length) {
            throw new IllegalArgumentException("scores, cards and days differ in length: " + scores.length + ", "
                    + cards.length + ", " + days.length);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1 but was " + k);
        }
        Map<Long, Map<String, CardDay>> byDay = new TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            byDay.computeIfAbsent(days[i], day -> new HashMap<>())
                    .computeIfAbsent(cards[i], CardDay::new)
                    .add(scores[i], labels[i] == 1.0);
        }
        if (byDay.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (Map<String, CardDay> cardsOfDay : byDay.values()) {
            List<CardDay> ranked = new ArrayList<>(cardsOfDay.values());
            ranked.sort(Comparator.comparingDouble(CardDay::maxScore).reversed().thenComparing(CardDay::card));
            long compromised = ranked.stream().limit(k).filter(CardDay::compromised).count();
            sum += (double) compromised / k;
        }
        return sum / byDay.size();
    }

    /** One card's transactions of one day, reduced as the handbook's {@code groupby('CUSTOMER_ID').max()}. */
    private static final class CardDay {
        private final String card;
        private double maxScore = Double.NEGATIVE_INFINITY;
        private boolean compromised;

        CardDay(String card) {
            this.card = card;
        }

        void add(double score, boolean positive) {
            maxScore = Math.max(maxScore, score);
            compromised |= positive;
        }

        String card() {
            return card;
        }

        double maxScore() {
            return maxScore;
        }

        boolean compromised() {
            return compromised;
        }
    }
}
