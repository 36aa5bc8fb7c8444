package dev.flywheel.training.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.flywheel.contracts.spec.BusinessSpec;
import dev.flywheel.contracts.spec.ModelSpec;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.model.value.BusinessCase;
import dev.flywheel.model.value.PrecisionPerDay;
import dev.flywheel.model.value.RunningCost;
import dev.flywheel.model.value.ValueCurve;
import dev.flywheel.model.value.ValuePoint;
import dev.flywheel.model.value.ValuedRows;
import dev.flywheel.training.dataset.Dataset;
import dev.flywheel.training.dataset.LabelledRow;
import dev.flywheel.training.report.ValueReport;

/**
 * Values decisions on a run's held-out slice by the spec's {@code business} section. Consumes the slice's labels,
 * each row's amount (the cost matrix's amount feature, as read: clipping must not shrink a fraud's loss) and event
 * time, and any model's scores on the slice; produces the {@link ValueReport} of the winner, with the threshold to
 * register.
 */
public final class HoldoutValuation {

    /** Points of the value curve a report draws. */
    static final int CHART_POINTS = 101;

    private final BusinessSpec business;
    private final double[] labels;
    private final double[] amounts;
    private final long[] epochSeconds;
    private final double specThreshold;
    private final Optional<Duration> schedule;

    public HoldoutValuation(BusinessSpec business, double[] labels, double[] amounts, long[] epochSeconds,
                     double specThreshold, Optional<Duration> schedule) {
        this.business = business;
        this.labels = labels;
        this.amounts = amounts;
        this.epochSeconds = epochSeconds;
        this.specThreshold = specThreshold;
        this.schedule = schedule;
    }

    /** Empty when the spec declares no {@code business} section. */
    public static Optional<HoldoutValuation> of(PipelineSpec spec, Dataset dataset) {
        if (spec.business().isEmpty()) {
            return Optional.empty();
        }
        BusinessSpec business = spec.business().get();
        List<LabelledRow> rows = dataset.uncleanedTest();
        int column = business.costs().amountField().map(dataset.uncleanedFeatureNames()::indexOf).orElse(-1);
        double[] labels = new double[rows.size()];
        double[] amounts = new double[rows.size()];
        long[] times = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            LabelledRow row = rows.get(i);
            labels[i] = row.label();
            amounts[i] = column < 0 ? Double.NaN : row.features()[column];
            times[i] = row.eventTime().getEpochSecond();
        }
        return Optional.of(new HoldoutValuation(business, labels, amounts, times,
                spec.model().threshold().orElse(ModelSpec.DEFAULT_THRESHOLD),
                spec.model().training().schedule()));
    }

    ValuedRows rows(double[] scores) {
        return new ValuedRows(scores, labels, amounts, epochSeconds);
    }

    /**
     * The winner valued on the slice, with the threshold to register.
     *
     * @param ruleScores the rule baseline's 0/1 scores on the same rows; null without a rule
     * @param training   the winner's training time, for the running cost
     */
    public ValueReport judge(double[] winnerScores, double[] ruleScores, String ruleText, Duration training,
                             int cpus) {
        return judge(winnerScores, ruleScores, ruleText, training, cpus, OptionalDouble.empty());
    }

    /**
     * The same, at a threshold supplied with the model (an imported model's own): its figures are valued there, and
     * the note names the value-maximising threshold beside it.
     *
     * @param supplied the threshold to register; empty: the value-maximising one
     */
    public ValueReport judge(double[] winnerScores, double[] ruleScores, String ruleText, Duration training,
                             int cpus, OptionalDouble supplied) {
        ValuedRows rows = rows(winnerScores);
        ValueCurve curve = ValueCurve.of(business.costs(), rows);
        ValuePoint best = curve.best();
        double threshold;
        String note;
        boolean anyPositive = false;
        for (double label : labels) {
            anyPositive |= label == 1.0;
        }
        if (supplied.isPresent()) {
            threshold = supplied.getAsDouble();
            note = String.format(java.util.Locale.ROOT, "supplied with the model; the value-maximising threshold on the"
                    + " held-out slice is %.4f (%.2f against %.2f here)", best.threshold(), best.value(),
                    curve.at(threshold).value());
        } else if (!anyPositive) {
            threshold = specThreshold;
            note = "the held-out slice holds no positive case, so catching one cannot be valued: model.threshold kept";
        } else if (best == curve.nothing()) {
            threshold = specThreshold;
            note = "flagging nothing is worth the most on the held-out slice: the model does not pay for its alarms;"
                    + " model.threshold kept";
        } else {
            threshold = best.threshold();
            note = "maximises the value on the held-out slice (" + best.flagged() + " flagged, " + best.caught()
                    + " caught)";
        }
        double span = rows.spanDays();
        double running = RunningCost.perDay(business.running(), training, cpus, schedule);
        OptionalDouble rule = ruleScores == null ? OptionalDouble.empty()
                : OptionalDouble.of(BusinessCase.ruleValue(business.costs(), rows.withScores(ruleScores)));
        BusinessCase money = BusinessCase.of(curve, threshold, rule, span, running);
        PrecisionPerDay precision = business.capacityPerDay().isPresent()
                ? PrecisionPerDay.of(winnerScores, labels, epochSeconds, null, business.capacityPerDay().getAsInt())
                : null;
        return new ValueReport(business.costs().amountField().orElse(null), threshold, specThreshold, note,
                rows.size(), span, curve.forChart(CHART_POINTS), money.valuePerDay(), money.nothingPerDay(),
                ruleScores == null ? null : ruleText, boxed(money.baselinePerDay()), null, null, null, running,
                money.netVsNothingPerDay(), boxed(money.netVsBaselinePerDay()), boxed(money.roiVsNothing()),
                boxed(money.roiVsBaseline()),
                business.capacityPerDay().isPresent() ? business.capacityPerDay().getAsInt() : null, precision);
    }

    /** Another model's (the champion's) decisions on the slice at its threshold, per day. */
    public double valuePerDay(double[] scores, double threshold) {
        ValuedRows rows = rows(scores);
        return ValueCurve.of(business.costs(), rows).at(threshold).value() / rows.spanDays();
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
