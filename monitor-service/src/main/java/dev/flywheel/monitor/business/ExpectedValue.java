package dev.flywheel.monitor.business;

/**
 * What a version's training run expects its decisions to be worth per day on its held-out slice (the figures it was
 * registered with); null where the version was registered without them.
 *
 * @param nothingPerDay flagging nothing on the same slice, per day
 */
public record ExpectedValue(String modelVersion, Double expectedPerDay, Double expectedNetPerDay,
                            Double ruleExpectedPerDay, Double runningCostPerDay, Double nothingPerDay) {
}
