package dev.flywheel.contracts.spec;

import java.util.Locale;
import java.util.Objects;

/**
 * The cleaning a training applies ({@code model.training.cleaning}): fitted on the training slice only, then
 * applied the same way to the training and held-out slices, and recorded with the model so serving applies its
 * per-row steps too. Outliers are values beyond the training slice's box-plot fences (1.5 IQR).
 *
 * @param nulls              what to do with a missing feature value
 * @param outliers           what to do with a value beyond the fences (0/1 columns are left alone)
 * @param collinear          whether to drop one feature of each pair with |Pearson r| of at least
 *                           {@code collinearThreshold}: the one less associated with the label
 * @param collinearThreshold the |r| from which a pair counts as collinear, in (0, 1]
 */
public record CleaningSpec(Nulls nulls, Outliers outliers, Collinear collinear, double collinearThreshold) {

    public static final double DEFAULT_COLLINEAR_THRESHOLD = 0.9;

    public CleaningSpec {
        Objects.requireNonNull(nulls, "nulls");
        Objects.requireNonNull(outliers, "outliers");
        Objects.requireNonNull(collinear, "collinear");
        if (!(collinearThreshold > 0 && collinearThreshold <= 1)) {
            throw new IllegalArgumentException("collinearThreshold must lie in (0, 1] but was " + collinearThreshold);
        }
    }

    /** Missing values: kept (the example is then unusable, as without cleaning), rows dropped, or imputed. */
    public enum Nulls implements SpecKeyword {
        KEEP, DROP_ROWS, IMPUTE_MEDIAN, IMPUTE_MEAN;

        @Override
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Values beyond the fences: kept, clipped to the fence, or their rows dropped. */
    public enum Outliers implements SpecKeyword {
        KEEP, CLIP, DROP_ROWS;

        @Override
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One feature of each collinear pair: kept or dropped. */
    public enum Collinear implements SpecKeyword {
        KEEP, DROP;

        @Override
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
