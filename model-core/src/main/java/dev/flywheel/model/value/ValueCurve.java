package dev.flywheel.model.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import dev.flywheel.contracts.spec.CostMatrix;

/**
 * The total value of a model's decisions at every threshold, from a cost matrix and scored rows. Consumes
 * {@link ValuedRows}; produces the value of each distinct cut (flag every row scored at or above it), the
 * value-maximising one, and doing nothing (flag no row).
 *
 * <p>One sweep after a sort: starting from "flag nothing" (every row valued as not flagged), flagging a row
 * changes the total by its flagged value minus its unflagged value, so the value at a cut is the start plus
 * the running sum of those changes down the ranking. Ties in score move together, as {@code score >= t} does.
 *
 * @param points  one per distinct score, highest threshold first, after {@link #nothing}
 * @param nothing the value of flagging nothing (threshold above every score)
 */
public record ValueCurve(List<ValuePoint> points, ValuePoint nothing) {

    public ValueCurve {
        points = List.copyOf(points);
    }

    public static ValueCurve of(CostMatrix costs, ValuedRows rows) {
        int n = rows.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] scores = rows.scores();
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        double start = 0;
        for (int i = 0; i < n; i++) {
            start += costs.value(false, rows.labels()[i] == 1.0, rows.amounts()[i]);
        }
        double maxScore = n == 0 ? 1.0 : scores[order[0]];
        ValuePoint nothing = new ValuePoint(Math.nextUp(Math.max(maxScore, 1.0)), start, 0, 0);
        List<ValuePoint> points = new ArrayList<>();
        double value = start;
        int flagged = 0;
        int caught = 0;
        for (int rank = 0; rank < n; rank++) {
            int i = order[rank];
            boolean positive = rows.labels()[i] == 1.0;
            double amount = rows.amounts()[i];
            value += costs.value(true, positive, amount) - costs.value(false, positive, amount);
            flagged++;
            caught += positive ? 1 : 0;
            boolean lastOfTie = rank == n - 1 || scores[order[rank + 1]] != scores[i];
            if (lastOfTie) {
                points.add(new ValuePoint(scores[i], value, flagged, caught));
            }
        }
        return new ValueCurve(points, nothing);
    }

    /**
     * The cut of highest value; doing nothing when no cut beats it. Among equal values the higher threshold
     * wins: fewer alarms for the same money.
     */
    public ValuePoint best() {
        ValuePoint best = nothing;
        for (ValuePoint point : points) {
            if (point.value() > best.value()) {
                best = point;
            }
        }
        return best;
    }

    /** The value of flagging every row scored at or above {@code threshold}. */
    public ValuePoint at(double threshold) {
        ValuePoint last = nothing;
        for (ValuePoint point : points) {
            if (point.threshold() < threshold) {
                break;
            }
            last = point;
        }
        return new ValuePoint(threshold, last.value(), last.flagged(), last.caught());
    }

    /** At most {@code count} points spread over the thresholds [0, 1], plus the best, for a chart. */
    public List<ValuePoint> forChart(int count) {
        List<ValuePoint> chart = new ArrayList<>();
        ValuePoint best = best();
        for (int step = 0; step < count; step++) {
            double threshold = step / (double) (count - 1);
            chart.add(at(threshold));
        }
        if (best.threshold() <= 1) {
            chart.add(best);
        }
        chart.sort(Comparator.comparingDouble(ValuePoint::threshold));
        return chart;
    }
}
