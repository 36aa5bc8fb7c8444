package dev.flywheel.training.dataset;

import dev.flywheel.training.eda.CleaningPlan;

/**
 * The cleaning a dataset went through, for the run report: the plan fitted on the training slice (steps with
 * their frozen figures: imputed values, clip bounds, dropped columns) and what it did to each slice.
 *
 * @param trainRowsDropped training rows a step dropped (NULLs or outliers by the spec)
 * @param testRowsDropped  held-out rows the same steps dropped
 * @param imputedValues    missing values filled, in both slices
 * @param clippedValues    values moved to a fence, in both slices
 */
public record DatasetCleaning(CleaningPlan plan, int trainRowsDropped, int testRowsDropped, long imputedValues,
                              long clippedValues) {
}
