package dev.flywheel.training.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flywheel.model.value.PrecisionPerDay;
import dev.flywheel.model.value.ValuePoint;

/**
 * What the winner's decisions are worth on the held-out slice, by the spec's {@code business} cost matrix: the value
 * curve over thresholds, the value-maximising threshold registered with the version, value per day against doing
 * nothing, the rule baseline and the champion, the running cost and the ROI. In {@code report.json},
 * {@code report.html} and the run result; {@link #metrics()} goes into the version's metrics.
 *
 * @param threshold           the registered decision threshold: the value-maximising one, or the spec's
 *                            ({@code thresholdNote} says why)
 * @param specThreshold       {@code model.threshold} (or its default), the fallback
 * @param curve               value (total over the slice) at thresholds spread over [0, 1] and at the best one
 * @param spanDays            days the held-out slice covers; every per-day figure is a total divided by it
 * @param baselinePerDay      the rule's decisions; null without a rule
 * @param championValuePerDay the champion's decisions at its own registered threshold; null without one
 * @param netVsBaselinePerDay null without a rule
 * @param roiVsNothing        net gain over doing nothing per unit of running cost; null when running costs nothing
 * @param precisionPerDay     precision@{@code capacityPerDay} per day of the winner, by transaction (examples carry no
 *                            card); null without a capacity
 */
public record ValueReport(String amountField, double threshold, double specThreshold, String thresholdNote, int rows,
                          double spanDays, List<ValuePoint> curve, double valuePerDay, double nothingPerDay,
                          String baselineRule, Double baselinePerDay, String championVersion, Double championThreshold,
                          Double championValuePerDay, double runningCostPerDay, double netVsNothingPerDay,
                          Double netVsBaselinePerDay, Double roiVsNothing, Double roiVsBaseline, Integer capacityPerDay,
                          PrecisionPerDay precisionPerDay) {

    /** Keys of the version's metrics that {@link #metrics()} fills; the monitor reads them back. */
    public static final String THRESHOLD = "value_threshold";
    public static final String VALUE_PER_DAY = "expected_value_per_day";
    public static final String NOTHING_PER_DAY = "nothing_value_per_day";
    public static final String BASELINE_PER_DAY = "baseline_value_per_day";
    public static final String RUNNING_COST_PER_DAY = "running_cost_per_day";
    public static final String NET_VS_NOTHING_PER_DAY = "net_value_vs_nothing_per_day";
    public static final String NET_VS_BASELINE_PER_DAY = "net_value_vs_baseline_per_day";
    public static final String PRECISION_PER_DAY = "precision_at_capacity_per_day";

    public ValueReport {
        curve = curve == null ? List.of() : List.copyOf(curve);
    }

    /** The same figures with the champion's value on the slice. */
    public ValueReport withChampion(String version, double championThresholdValue, double perDay) {
        return new ValueReport(amountField, threshold, specThreshold, thresholdNote, rows, spanDays, curve, valuePerDay,
                nothingPerDay, baselineRule, baselinePerDay, version, championThresholdValue, perDay, runningCostPerDay,
                netVsNothingPerDay, netVsBaselinePerDay, roiVsNothing, roiVsBaseline, capacityPerDay, precisionPerDay);
    }

    /** The figures a version keeps among its metrics, so the monitor can compare realised value with them. */
    public Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(THRESHOLD, threshold);
        metrics.put(VALUE_PER_DAY, valuePerDay);
        metrics.put(NOTHING_PER_DAY, nothingPerDay);
        if (baselinePerDay != null) {
            metrics.put(BASELINE_PER_DAY, baselinePerDay);
        }
        metrics.put(RUNNING_COST_PER_DAY, runningCostPerDay);
        metrics.put(NET_VS_NOTHING_PER_DAY, netVsNothingPerDay);
        if (netVsBaselinePerDay != null) {
            metrics.put(NET_VS_BASELINE_PER_DAY, netVsBaselinePerDay);
        }
        if (precisionPerDay != null && !Double.isNaN(precisionPerDay.mean())) {
            metrics.put(PRECISION_PER_DAY, precisionPerDay.mean());
        }
        return metrics;
    }
}
