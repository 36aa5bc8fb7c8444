package dev.flywheel.training.eda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.flywheel.model.CleaningSteps;

/**
 * The cleaning a profile calls for, as explicit steps with frozen figures: drop one feature of each
 * collinear pair (the one with the weaker |point-biserial r| to the label), impute or drop NULLs, clip or
 * drop values beyond the IQR fences. {@link #apply} runs the steps on rows, the same way every time, through
 * model-core's {@link CleaningSteps} ({@link #servable()}), which a model records so serving cleans alike.
 * Consumes a {@link DatasetProfile} and {@link CleaningOptions}; produces steps and {@link Cleaned} rows.
 *
 * @param features the features the rows have, in order
 * @param kept     the features left after the dropped columns, in order
 */
public record CleaningPlan(List<String> features, List<String> kept, List<CleaningSteps.Step> steps) {

    public CleaningPlan {
        features = List.copyOf(features);
        kept = List.copyOf(kept);
        steps = List.copyOf(steps);
    }

    public static CleaningPlan from(DatasetProfile profile, List<String> features, CleaningOptions options) {
        Map<String, ColumnProfile> columns = new HashMap<>();
        profile.columns().forEach(column -> columns.put(column.name(), column));
        List<CleaningSteps.Step> steps = new ArrayList<>();
        Set<String> dropped = new LinkedHashSet<>();
        if (options.dropCollinear()) {
            Map<String, Double> association = new HashMap<>();
            if (profile.label() != null) {
                profile.label().associations().forEach(a -> association.put(a.feature(),
                        a.pointBiserial() == null ? 0.0 : Math.abs(a.pointBiserial())));
            }
            for (CollinearPair pair : profile.collinearPairs()) {
                if (dropped.contains(pair.first()) || dropped.contains(pair.second())
                        || !features.contains(pair.first()) || !features.contains(pair.second())) {
                    continue;
                }
                double first = association.getOrDefault(pair.first(), 0.0);
                double second = association.getOrDefault(pair.second(), 0.0);
                // Ties keep the one listed first (the spec's order), so the choice is reproducible.
                String drop = second > first ? pair.first() : pair.second();
                String keep = drop.equals(pair.first()) ? pair.second() : pair.first();
                dropped.add(drop);
                steps.add(new CleaningSteps.Step(CleaningSteps.DROP_COLUMN, drop, null, null, null, String.format(
                        Locale.ROOT, "collinear with %s (r %.3f); |point-biserial| %.3f vs %.3f", keep,
                        pair.pearson(), association.getOrDefault(drop, 0.0), association.getOrDefault(keep, 0.0))));
            }
        }
        List<String> kept = features.stream().filter(feature -> !dropped.contains(feature)).toList();
        for (String feature : kept) {
            ColumnProfile column = columns.get(feature);
            if (column == null || !column.numeric() || column.count() == 0) {
                continue;
            }
            if (column.nulls() > 0) {
                switch (options.nulls()) {
                    case DROP_ROWS -> steps.add(new CleaningSteps.Step(CleaningSteps.DROP_ROWS_WITH_NULL, feature, null, null,
                            null, column.nulls() + " NULLs"));
                    case IMPUTE_MEDIAN -> steps.add(new CleaningSteps.Step(CleaningSteps.IMPUTE, feature, column.median(),
                            null, null, column.nulls() + " NULLs take the median"));
                    case IMPUTE_MEAN -> steps.add(new CleaningSteps.Step(CleaningSteps.IMPUTE, feature, column.mean(), null,
                            null, column.nulls() + " NULLs take the mean"));
                    case KEEP -> {
                    }
                }
            }
            BoxPlot box = column.boxPlot();
            boolean binary = column.distinctExact() && column.distinct() <= 2;
            if (box != null && box.outliers() > 0 && !binary && options.outliers() != CleaningOptions.Outliers.KEEP) {
                String action = options.outliers() == CleaningOptions.Outliers.CLIP ? CleaningSteps.CLIP
                        : CleaningSteps.DROP_ROWS_OUTSIDE;
                steps.add(new CleaningSteps.Step(action, feature, null, box.lowerFence(), box.upperFence(),
                        box.outliers() + " values beyond the IQR fences"));
            }
        }
        return new CleaningPlan(features, kept, steps);
    }

    /** The steps as a model records and serving applies them. */
    public CleaningSteps servable() {
        return new CleaningSteps(features, kept, steps);
    }

    /**
     * Runs the steps over rows of {@link #features()} (NaN = NULL), in order: columns dropped, then per column
     * imputation, clipping and the row drops ({@link CleaningSteps#clean}).
     */
    public Cleaned apply(List<double[]> rows) {
        CleaningSteps servable = servable();
        int[] keptIndex = kept.stream().mapToInt(features::indexOf).toArray();
        List<double[]> out = new ArrayList<>(rows.size());
        long droppedRows = 0;
        long imputed = 0;
        long clipped = 0;
        for (double[] row : rows) {
            double[] cleaned = servable.clean(row);
            if (cleaned == null) {
                droppedRows++;
                continue;
            }
            for (int i = 0; i < cleaned.length; i++) {
                double before = row[keptIndex[i]];
                if (Double.isNaN(before)) {
                    imputed += Double.isNaN(cleaned[i]) ? 0 : 1;
                } else if (before != cleaned[i]) {
                    clipped++;
                }
            }
            out.add(cleaned);
        }
        return new Cleaned(kept, out, droppedRows, imputed, clipped);
    }

    /** Rows after cleaning, and what it did to them. */
    public record Cleaned(List<String> columns, List<double[]> rows, long droppedRows, long imputedValues,
                          long clippedValues) {
    }
}
