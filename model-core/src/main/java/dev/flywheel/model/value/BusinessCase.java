package dev.flywheel.model.value;

import java.util.OptionalDouble;

import dev.flywheel.contracts.spec.CostMatrix;

/**
 * Whether a model pays for itself: its value per day at its threshold, against doing nothing and against the
 * rule baseline, less what it costs to run. Consumes a {@link ValueCurve} of the model (and optionally of the
 * rule, whose decisions are its 0/1 scores) on the same rows; produces money per day.
 *
 * <p>The rule is taken to cost nothing to run (a comparison on one field), so the running cost is charged to the
 * model in both comparisons.
 *
 * @param threshold          the model's decision threshold the figures are for
 * @param spanDays           days the rows cover; totals are divided by it
 * @param valuePerDay        the model's decisions
 * @param nothingPerDay      flagging nothing: every positive missed
 * @param baselinePerDay     the rule's decisions; empty without a rule
 * @param runningCostPerDay  serving and training the model
 * @param netVsNothingPerDay {@code valuePerDay - nothingPerDay - runningCostPerDay}
 * @param netVsBaselinePerDay {@code valuePerDay - baselinePerDay - runningCostPerDay}; empty without a rule
 * @param roiVsNothing       {@code netVsNothingPerDay / runningCostPerDay}; empty when running costs nothing
 * @param roiVsBaseline      {@code netVsBaselinePerDay / runningCostPerDay}; empty without a rule or a cost
 */
public record BusinessCase(double threshold, double spanDays, double valuePerDay, double nothingPerDay,
                           OptionalDouble baselinePerDay, double runningCostPerDay, double netVsNothingPerDay,
                           OptionalDouble netVsBaselinePerDay, OptionalDouble roiVsNothing,
                           OptionalDouble roiVsBaseline) {

    /** The rule's scores are 0 or 1: it flags what scores 1. */
    public static final double RULE_THRESHOLD = 0.5;

    /**
     * @param model    the model's value curve on the rows
     * @param baseline the rule's value curve on the same rows, if any
     */
    public static BusinessCase of(ValueCurve model, double threshold, OptionalDouble baselineValue, double spanDays,
                                  double runningCostPerDay) {
        double valuePerDay = model.at(threshold).value() / spanDays;
        double nothingPerDay = model.nothing().value() / spanDays;
        OptionalDouble baselinePerDay = baselineValue.isPresent()
                ? OptionalDouble.of(baselineValue.getAsDouble() / spanDays) : OptionalDouble.empty();
        double netVsNothing = valuePerDay - nothingPerDay - runningCostPerDay;
        OptionalDouble netVsBaseline = baselinePerDay.isPresent()
                ? OptionalDouble.of(valuePerDay - baselinePerDay.getAsDouble() - runningCostPerDay)
                : OptionalDouble.empty();
        return new BusinessCase(threshold, spanDays, valuePerDay, nothingPerDay, baselinePerDay, runningCostPerDay,
                netVsNothing, netVsBaseline, ratio(OptionalDouble.of(netVsNothing), runningCostPerDay),
                ratio(netVsBaseline, runningCostPerDay));
    }

    /** The value the rule's 0/1 scores earn on the rows. */
    public static double ruleValue(CostMatrix costs, ValuedRows ruleScored) {
        return ValueCurve.of(costs, ruleScored).at(RULE_THRESHOLD).value();
    }

    private static OptionalDouble ratio(OptionalDouble net, double cost) {
        return net.isPresent() && cost > 0 ? OptionalDouble.of(net.getAsDouble() / cost) : OptionalDouble.empty();
    }
}
