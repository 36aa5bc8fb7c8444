package dev.flywheel.training.eda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The cleaning a profile calls for, as explicit steps with frozen figures: drop one feature of each
 * collinear pair (the one with the weaker |point-biserial r| to the label), impute or drop NULLs, clip or
 * drop values beyond the IQR fences. {@link #apply} runs the steps on rows, the same way every time.
 * Consumes a {@link DatasetProfile} and {@link CleaningOptions}; produces steps and {@link Cleaned} rows.
 *
 * @param features the features the rows have, in order
 * @param kept     the features left after the dropped columns, in order
 */
public record CleaningPlan(List<String> features, List<String> kept, List<CleaningStep> steps) {

    public CleaningPlan {
        features = List.copyOf(features);
        kept = List.copyOf(kept);
        steps = List.copyOf(steps);
    }

    public static CleaningPlan from(DatasetProfile profile, List<String> features, CleaningOptions options) {
        Map<String, ColumnProfile> columns = new HashMap<>();
        profile.columns().forEach(column -> columns.put(column.name(), column));
        List<CleaningStep> steps = new ArrayList<>();
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
                steps.add(new CleaningStep(CleaningStep.DROP_COLUMN, drop, null, null, null, String.format(
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
                    case DROP_ROWS -> steps.add(new CleaningStep(CleaningStep.DROP_ROWS_WITH_NULL, feature, null, null,
                            null, column.nulls() + " NULLs"));
                    case IMPUTE_MEDIAN -> steps.add(new CleaningStep(CleaningStep.IMPUTE, feature, column.median(),
                            null, null, column.nulls() + " NULLs take the median"));
                    case IMPUTE_MEAN -> steps.add(new CleaningStep(CleaningStep.IMPUTE, feature, column.mean(), null,
                            null, column.nulls() + " NULLs take the mean"));
                    case KEEP -> {
                    }
                }
            }
            BoxPlot box = column.boxPlot();
            boolean binary = column.distinctExact() && column.distinct() <= 2;
            if (box != null && box.outliers() > 0 && !binary && options.outliers() != CleaningOptions.Outliers.KEEP) {
                String action = options.outliers() == CleaningOptions.Outliers.CLIP ? CleaningStep.CLIP
                        : CleaningStep.DROP_ROWS_OUTSIDE;
                steps.add(new CleaningStep(action, feature, null, box.lowerFence(), box.upperFence(),
                        box.outliers() + " values beyond the IQR fences"));
            }
        }
        return new CleaningPlan(features, kept, steps);
    }

    /**
     * Runs the steps over rows of {@link #features()} (NaN = NULL), in order: columns dropped, then per column
     * imputation, clipping and the row drops.
     */
    public Cleaned apply(List<double[]> rows) {
        int[] keptIndex = kept.stream().mapToInt(features::indexOf).toArray();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            position.put(kept.get(i), i);
        }
        List<CleaningStep> rowSteps = steps.stream().filter(step -> !step.action().equals(CleaningStep.DROP_COLUMN))
                .toList();
        List<double[]> out = new ArrayList<>(rows.size());
        long droppedRows = 0;
        long imputed = 0;
        long clipped = 0;
        rows:
        for (double[] row : rows) {
            double[] cleaned = new double[keptIndex.length];
            for (int i = 0; i < keptIndex.length; i++) {
                cleaned[i] = row[keptIndex[i]];
            }
            for (CleaningStep step : rowSteps) {
                int at = position.get(step.column());
                double value = cleaned[at];
                switch (step.action()) {
                    case CleaningStep.IMPUTE -> {
                        if (Double.isNaN(value)) {
                            cleaned[at] = step.value();
                            imputed++;
                        }
                    }
                    case CleaningStep.DROP_ROWS_WITH_NULL -> {
                        if (Double.isNaN(value)) {
                            droppedRows++;
                            continue rows;
                        }
                    }
                    case CleaningStep.CLIP -> {
                        if (value < step.low() || value > step.high()) {
                            cleaned[at] = Math.max(step.low(), Math.min(step.high(), value));
                            clipped++;
                        }
                    }
                    case CleaningStep.DROP_ROWS_OUTSIDE -> {
                        if (value < step.low() || value > step.high()) {
                            droppedRows++;
                            continue rows;
                        }
                    }
                    default -> throw new IllegalStateException("unknown cleaning action " + step.action());
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
