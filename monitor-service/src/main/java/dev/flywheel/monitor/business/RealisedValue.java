package dev.flywheel.monitor.business;

import java.time.Instant;

/**
 * What a version's decisions earned over its latest outcomes, beside what the rule baseline's decisions earned on the
 * same outcomes, and what that means against its training run's expectation.
 *
 * @param role                  {@code served}: the version's own decisions, on the outcomes of its served predictions;
 *                              {@code shadow}: a challenger's decisions made in shadow, valued on the served
 *                              prediction's outcome of the same event (same label, same amount)
 * @param outcomes              outcomes valued (the latest, up to the quality window)
 * @param positives             positives among them
 * @param spanDays              days their event times cover (at least an hour)
 * @param realisedPerDay        value of the decisions taken, per day
 * @param nothingPerDay         value of flagging nothing on the same outcomes, per day
 * @param runningCostPerDay     the version's running cost (from its training run, else the spec's serving cost)
 * @param netPerDay             {@code realised - nothing - running}: what the model adds per day; its ROI's sign
 * @param roi                   {@code netPerDay / runningCostPerDay}: net gain per unit of running cost; null when
 *                              running costs nothing
 * @param ruleOutcomes          outcomes whose event the rule could be evaluated on (the monitor saw the served
 *                              prediction's features); the rule's figures are over these, per day of the whole span
 *                              scaled by {@code outcomes / ruleOutcomes}
 * @param rulePerDay            value of the rule baseline's decisions on the same outcomes, per day; null without a
 *                              rule or any evaluated outcome
 * @param ruleNetPerDay         {@code rule - nothing} on those outcomes (the rule costs nothing to run); null likewise
 * @param expectedPerDay        training's held-out value per day at the registered threshold; null when unknown
 * @param expectedNetPerDay     training's net gain over doing nothing per day; null when unknown
 * @param ruleExpectedPerDay    training's held-out value per day of the rule baseline; null without a rule
 * @param judged                whether the outcomes hold enough evidence ({@code monitoring.minOutcomes} and
 *                              {@code minPositives}) to judge the ROI
 * @param roiNegative           judged, and the model loses money against doing nothing
 */
public record RealisedValue(String pipeline, String modelVersion, String role, int outcomes, int positives,
                            Instant firstEventTime, Instant lastEventTime, double spanDays, double realisedPerDay,
                            double nothingPerDay, double runningCostPerDay, double netPerDay, Double roi,
                            int ruleOutcomes, Double rulePerDay, Double ruleNetPerDay, Double expectedPerDay,
                            Double expectedNetPerDay, Double ruleExpectedPerDay, boolean judged, boolean roiNegative) {

    /** {@link #role} of a version's own served decisions. */
    public static final String SERVED = "served";
    /** {@link #role} of a challenger's shadow decisions. */
    public static final String SHADOW = "shadow";
}
