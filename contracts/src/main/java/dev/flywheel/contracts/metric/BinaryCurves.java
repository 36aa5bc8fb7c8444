package dev.flywheel.contracts.metric;

import java.util.ArrayList;
import java.util.List;

/**
 * The ROC and precision-recall curves of binary scores, for charts: one point per distinct score, from the
 * same ranking ({@link RankedLabels}) that {@link BinaryMetrics#rocAuc} and
 * {@link BinaryMetrics#averagePrecision} integrate, so a chart and its area never disagree.
 * Points are in decreasing threshold order, each curve starting at its anchor.
 *
 * <p>The points are scikit-learn's {@code roc_curve(drop_intermediate=False)} and
 * {@code precision_recall_curve} (whose arrays run the other way). A curve that needs a missing class is
 * empty: ROC without positives or without negatives, precision-recall without positives.
 */
public final class BinaryCurves {

    private final RankedLabels ranked;

    private BinaryCurves(RankedLabels ranked) {
        this.ranked = ranked;
    }

    public static BinaryCurves of(double[] scores, double[] labels) {
        return new BinaryCurves(RankedLabels.of(scores, labels));
    }

    /** False positive rate against true positive rate, from (0, 0) to (1, 1). */
    public List<CurvePoint> roc() {
        long positives = ranked.positives();
        long negatives = ranked.negatives();
        if (positives == 0 || negatives == 0) {
            return List.of();
        }
        List<CurvePoint> points = new ArrayList<>(ranked.points() + 1);
        points.add(new CurvePoint(0, 0, null));
        for (int i = 0; i < ranked.points(); i++) {
            points.add(new CurvePoint((double) ranked.falsePositives(i) / negatives,
                    (double) ranked.truePositives(i) / positives, ranked.threshold(i)));
        }
        return points;
    }

    /** Recall against precision, from the anchor (0, 1) to recall 1 at the lowest score. */
    public List<CurvePoint> precisionRecall() {
        long positives = ranked.positives();
        if (positives == 0) {
            return List.of();
        }
        List<CurvePoint> points = new ArrayList<>(ranked.points() + 1);
        points.add(new CurvePoint(0, 1, null));
        for (int i = 0; i < ranked.points(); i++) {
            long tp = ranked.truePositives(i);
            points.add(new CurvePoint((double) tp / positives, (double) tp / (tp + ranked.falsePositives(i)),
                    ranked.threshold(i)));
        }
        return points;
    }
}
