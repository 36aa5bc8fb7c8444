package dev.flywheel.training.eda;

/**
 * One step of a {@link CleaningPlan}, with the figures it uses frozen from the profile, so applying it again
 * gives the same rows (and a run can record it).
 *
 * @param action {@code drop_column}, {@code impute}, {@code drop_rows_with_null}, {@code clip} or
 *               {@code drop_rows_outside}
 * @param value  the imputed value, or null
 * @param low    the lower bound (clip or keep), or null
 * @param high   the upper bound, or null
 */
public record CleaningStep(String action, String column, Double value, Double low, Double high, String reason) {

    static final String DROP_COLUMN = "drop_column";
    static final String IMPUTE = "impute";
    static final String DROP_ROWS_WITH_NULL = "drop_rows_with_null";
    static final String CLIP = "clip";
    static final String DROP_ROWS_OUTSIDE = "drop_rows_outside";
}
