package dev.flywheel.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cleaning a model was trained with, with the figures fitted on its training slice frozen (imputed values,
 * clip bounds, dropped columns), recorded in {@link ModelMetadata#cleaning()} so that training and serving clean
 * a row the same way. Pure: no I/O, no state beyond the steps.
 *
 * <p>Two uses: training turns a row of {@link #features()} into a row of {@link #kept()} or drops it
 * ({@link #clean}); serving, whose rows already have only the model's features (the kept ones), imputes and
 * clips ({@link #applyTo}) but never drops: a request must get an answer, so row-dropping steps pass the value
 * through.
 *
 * @param features the columns of a row before cleaning, in order
 * @param kept     the columns after dropping, in order: the model's {@link ModelMetadata#featureNames()}
 * @param steps    in the order they run: dropped columns, then per column imputation, clipping and row drops
 */
public record CleaningSteps(List<String> features, List<String> kept, List<Step> steps) {

    public static final String DROP_COLUMN = "drop_column";
    public static final String IMPUTE = "impute";
    public static final String DROP_ROWS_WITH_NULL = "drop_rows_with_null";
    public static final String CLIP = "clip";
    public static final String DROP_ROWS_OUTSIDE = "drop_rows_outside";

    /**
     * One step, with its fitted figures.
     *
     * @param action {@value #DROP_COLUMN}, {@value #IMPUTE}, {@value #DROP_ROWS_WITH_NULL}, {@value #CLIP} or
     *               {@value #DROP_ROWS_OUTSIDE}
     * @param value  the imputed value, or null
     * @param low    the lower bound (clip, or keep the row), or null
     * @param high   the upper bound, or null
     * @param reason why, in words, for reports
     */
    public record Step(String action, String column, Double value, Double low, Double high, String reason) {
    }

    public CleaningSteps {
        features = List.copyOf(features);
        kept = List.copyOf(kept);
        steps = List.copyOf(steps);
        for (Step step : steps) {
            Objects.requireNonNull(step.action(), "action");
            List<String> columns = step.action().equals(DROP_COLUMN) ? features : kept;
            if (!columns.contains(step.column())) {
                throw new IllegalArgumentException("cleaning step " + step.action() + " names column '" + step.column()
                        + "', which is not among " + columns);
            }
            switch (step.action()) {
                case DROP_COLUMN, DROP_ROWS_WITH_NULL -> {
                }
                case IMPUTE -> require(step.value() != null && Double.isFinite(step.value()), step, "a finite value");
                case CLIP, DROP_ROWS_OUTSIDE -> require(step.low() != null && step.high() != null
                        && step.low() <= step.high(), step, "bounds low <= high");
                default -> throw new IllegalArgumentException("unknown cleaning action '" + step.action()
                        + "' for column " + step.column());
            }
        }
    }

    private static void require(boolean ok, Step step, String what) {
        if (!ok) {
            throw new IllegalArgumentException("cleaning step " + step.action() + " of " + step.column() + " needs "
                    + what + " but has value " + step.value() + ", low " + step.low() + ", high " + step.high());
        }
    }

    /**
     * Training: a row of {@link #features()} (NaN = missing) as a new row of {@link #kept()}, or null when a
     * step drops it.
     */
    public double[] clean(double[] row) {
        if (row.length != features.size()) {
            throw new IllegalArgumentException("expected " + features.size() + " features " + features + " but got "
                    + row.length);
        }
        double[] cleaned = new double[kept.size()];
        for (int i = 0; i < cleaned.length; i++) {
            cleaned[i] = row[features.indexOf(kept.get(i))];
        }
        Map<String, Integer> position = positions();
        for (Step step : steps) {
            if (step.action().equals(DROP_COLUMN)) {
                continue;
            }
            int at = position.get(step.column());
            double value = cleaned[at];
            switch (step.action()) {
                case IMPUTE -> cleaned[at] = Double.isNaN(value) ? step.value() : value;
                case DROP_ROWS_WITH_NULL -> {
                    if (Double.isNaN(value)) {
                        return null;
                    }
                }
                case CLIP -> cleaned[at] = clip(value, step);
                case DROP_ROWS_OUTSIDE -> {
                    if (value < step.low() || value > step.high()) {
                        return null;
                    }
                }
                default -> throw new IllegalStateException("unknown cleaning action " + step.action());
            }
        }
        return cleaned;
    }

    /**
     * Serving: a row of {@link #kept()} (the model's features) with missing values imputed and outliers clipped,
     * as a new array; row-dropping steps leave the value as it is.
     */
    public double[] applyTo(double[] row) {
        if (row.length != kept.size()) {
            throw new IllegalArgumentException("expected " + kept.size() + " features " + kept + " but got "
                    + row.length);
        }
        double[] cleaned = row.clone();
        // indexOf over a few names, not a map: this runs once per scored request
        for (Step step : steps) {
            switch (step.action()) {
                case IMPUTE -> {
                    int at = kept.indexOf(step.column());
                    cleaned[at] = Double.isNaN(cleaned[at]) ? step.value() : cleaned[at];
                }
                case CLIP -> {
                    int at = kept.indexOf(step.column());
                    cleaned[at] = clip(cleaned[at], step);
                }
                default -> {
                }
            }
        }
        return cleaned;
    }

    private Map<String, Integer> positions() {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            position.put(kept.get(i), i);
        }
        return position;
    }

    /** NaN stays NaN: clipping is not imputation. */
    private static double clip(double value, Step step) {
        return value < step.low() ? step.low() : value > step.high() ? step.high() : value;
    }
}
