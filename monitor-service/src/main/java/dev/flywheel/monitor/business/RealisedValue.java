package dev.flywheel.monitor.business;

import java.time.Instant;

/**
 * What a version's decisions earned over its latest outcomes, and what that means against its training run's
 * expectation.
 *
 * @param outcomes              outcomes valued (the latest, up to the quality window)
 * @param positives             positives among them
 * @param spanDays              days their event times cover (at least an hour)
 * @param realisedPerDay        value of the decisions taken, per day
 * @param nothingPerDay         value of flagging nothing on the same outcomes, per day
 * @param runningCostPerDay     the version's running cost (from its training run, else the spec's serving cost)
 * @param netPerDay             {@code realised - nothing - running}: what the model adds per day; its ROI's sign
 * @param expectedPerDay        training's held-out value per day at the registered threshold; null when unknown
 * @param expectedNetPerDay     training's net gain over doing nothing per day; null when unknown
 * @param ruleExpectedPerDay    training's held-out value per day of the rule baseline; null without a rule (the
 *                              rule is not valued live: outcomes carry no features)
 * @param judged                whether the outcomes hold enough evidence ({@code monitoring.minOutcomes} and
 *                              {@code minPositives}) to judge the ROI
 * @param roiNegative           judged, and the model loses money against doing nothing
 */
public record RealisedValue(String pipeline, String modelVersion, int outcomes, int positives, Instant firstEventTime,
                            Instant lastEventTime, double spanDays, double realisedPerDay, double nothingPerDay,
                            double runningCostPerDay, double netPerDay, Double expectedPerDay, Double expectedNetPerDay,
                            Double ruleExpectedPerDay, boolean judged, boolean roiNegative) {
}
