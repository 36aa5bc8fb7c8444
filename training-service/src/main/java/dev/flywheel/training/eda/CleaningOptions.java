package dev.flywheel.training.eda;

import dev.flywheel.contracts.spec.CleaningSpec;

/**
 * Which cleaning steps a {@link CleaningPlan} derives from a profile.
 *
 * @param nulls         what to do with a missing feature value
 * @param outliers      what to do with a value beyond the box plot's IQR fences (binary columns are left alone:
 *                      Tukey's rule calls every minority value an outlier there)
 * @param dropCollinear drop one feature of each collinear pair: the one less associated with the label
 */
public record CleaningOptions(Nulls nulls, Outliers outliers, boolean dropCollinear) {

    /** Missing values. */
    public enum Nulls { KEEP, DROP_ROWS, IMPUTE_MEDIAN, IMPUTE_MEAN }

    /** Values beyond the IQR fences. */
    public enum Outliers { KEEP, CLIP, DROP_ROWS }

    /** The options a spec's {@code model.training.cleaning} asks for. */
    public static CleaningOptions of(CleaningSpec spec) {
        return new CleaningOptions(Nulls.valueOf(spec.nulls().name()), Outliers.valueOf(spec.outliers().name()),
                spec.collinear() == CleaningSpec.Collinear.DROP);
    }

    public static CleaningOptions none() {
        return new CleaningOptions(Nulls.KEEP, Outliers.KEEP, false);
    }
}
