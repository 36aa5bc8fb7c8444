package dev.flywheel.training.registry;

import java.util.Locale;
import java.util.Optional;

import dev.flywheel.training.model.HoldoutEvaluation;

/**
 * Champion against challenger on the same held-out slice: the new version is promoted when there is no
 * champion, when the champion cannot be scored on the new data, or when the new version is strictly
 * better by the selection metric. A tie keeps the champion (a swap would gain nothing).
 *
 * @param reason human-readable, with both scores when there is a champion
 */
public record PromotionDecision(boolean promote, String reason) {

    /** The promoted version's result on the new holdout: a score, or why it could not be scored. */
    public record Champion(String version, double score, String unscorable) {

        public static Champion scored(String version, double score) {
            return new Champion(version, score, null);
        }

        public static Champion unscorable(String version, String why) {
            return new Champion(version, Double.NaN, why);
        }
    }

    public static PromotionDecision decide(HoldoutEvaluation evaluation, String challengerVersion,
                                           double challengerScore, Optional<Champion> champion) {
        String metric = evaluation.selection().keyword();
        if (champion.isEmpty()) {
            return new PromotionDecision(true, String.format(Locale.ROOT,
                    "first model of the pipeline: %s %.4f on the holdout", metric, challengerScore));
        }
        Champion current = champion.get();
        if (current.unscorable() != null) {
            return new PromotionDecision(true, String.format(Locale.ROOT,
                    "champion %s could not be scored on the new holdout (%s); %s %.4f", current.version(),
                    current.unscorable(), metric, challengerScore));
        }
        if (evaluation.isBetter(challengerScore, current.score())) {
            return new PromotionDecision(true, String.format(Locale.ROOT,
                    "better %s than %s (%.4f vs %.4f) on the same holdout", metric, current.version(),
                    challengerScore, current.score()));
        }
        return new PromotionDecision(false, String.format(Locale.ROOT,
                "%s %s of %s not better than champion %s (%.4f) on the same holdout; champion kept", metric,
                format(challengerScore), challengerVersion, current.version(), current.score()));
    }

    private static String format(double score) {
        return String.format(Locale.ROOT, "%.4f", score);
    }
}
