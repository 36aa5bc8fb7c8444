package dev.flywheel.training.dataset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flywheel.contracts.spec.CleaningSpec;
import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.contracts.spec.TrainingSpec;
import dev.flywheel.model.CleaningSteps;
import dev.flywheel.training.eda.CleaningOptions;
import dev.flywheel.training.eda.CleaningPlan;
import dev.flywheel.training.eda.DatasetProfile;
import dev.flywheel.training.eda.DatasetProfiler;
import dev.flywheel.training.eda.ProfileOptions;

/**
 * Turns the examples read from the topic into a time-split {@link Dataset}, in this order:
 * <ol>
 *   <li>dedupe by event id (the example's {@code sourceEventId}): the record read last wins, being the newest for that
 *       event (records of one event share a key, hence a partition and its order);</li>
 *   <li>drop unusable examples: a feature of the spec missing or not finite, a label other than 0/1, no
 *       event time;</li>
 *   <li>keep the {@code recentWindow} before the newest example's event time (event time, not wall time:
 *       replayed or simulated data keeps its meaning);</li>
 *   <li>order by event time (ties by event id, so the order is reproducible);</li>
 *   <li>the later {@code holdout} fraction becomes the test slice;</li>
 *   <li>with {@code training.cleaning}: a {@link CleaningPlan} is fitted on a profile of the training slice
 *       only (medians, means, IQR fences, collinear pairs: nothing of the later slice leaks into it) and
 *       the same steps run over both slices. Unless NULLs are kept, an example missing a feature is usable
 *       up to here, and the plan imputes it or drops its row.</li>
 * </ol>
 * A regression dataset takes any finite label and has no classes to require. Binary classification refuses fewer
 * than {@code minExamples} usable examples, and a training or held-out slice with fewer than
 * {@code minPositives} positives or without negatives: a model learnt from a handful of positives is luck, and
 * an average precision over a handful of them is noise (one positive ranked first gives 1.0), which would then
 * be the baseline monitoring holds the model to.
 */
public final class DatasetAssembler {

    /** The label's column in the profile the cleaning is fitted on; no feature name has spaces. */
    private static final String LABEL = "label of the training slice";

    private DatasetAssembler() {
    }

    /** A binary classification dataset. */
    public static Dataset assemble(List<LabelledRow> examples, List<String> featureNames, TrainingSpec training)
            throws DatasetRefusedException {
        return assemble(examples, featureNames, training, ModelTask.BINARY_CLASSIFICATION);
    }

    /**
     * @param examples     rows in the order read, features in the order of {@code featureNames}
     * @param task         which labels are usable (0/1, or any finite number) and whether both classes are required
     */
    public static Dataset assemble(List<LabelledRow> examples, List<String> featureNames, TrainingSpec training,
                                   ModelTask task) throws DatasetRefusedException {
        boolean nullsCleaned = training.cleaning().map(c -> c.nulls() != CleaningSpec.Nulls.KEEP).orElse(false);
        Map<String, LabelledRow> latest = new LinkedHashMap<>();
        for (LabelledRow example : examples) {
            latest.remove(example.eventId());
            latest.put(example.eventId(), example);
        }
        int duplicates = examples.size() - latest.size();

        List<LabelledRow> usable = new ArrayList<>();
        for (LabelledRow example : latest.values()) {
            if (example.isUsable(task) || (nullsCleaned && usableButForNulls(example, task))) {
                usable.add(example);
            }
        }
        int unusable = latest.size() - usable.size();

        Instant newest = usable.stream().map(LabelledRow::eventTime).max(Comparator.naturalOrder()).orElse(null);
        List<LabelledRow> recent = new ArrayList<>();
        if (newest != null) {
            Instant oldestKept = newest.minus(training.recentWindow());
            for (LabelledRow example : usable) {
                if (!example.eventTime().isBefore(oldestKept)) {
                    recent.add(example);
                }
            }
        }
        int outsideWindow = usable.size() - recent.size();
        DatasetSummary counts = DatasetSummary.counted(examples.size(), duplicates, unusable, outsideWindow,
                recent.size());

        if (recent.size() < Math.max(training.minExamples(), 2)) {
            throw new DatasetRefusedException("only " + recent.size() + " usable examples, the spec needs "
                    + training.minExamples() + " (read " + examples.size() + ", " + duplicates + " duplicates, "
                    + unusable + " unusable, " + outsideWindow + " older than the " + training.recentWindow()
                    + " window)", counts);
        }

        recent.sort(Comparator.comparing(LabelledRow::eventTime).thenComparing(LabelledRow::eventId));
        int testRows = (int) Math.round(recent.size() * training.holdout());
        testRows = Math.min(Math.max(testRows, 1), recent.size() - 1);
        List<LabelledRow> train = recent.subList(0, recent.size() - testRows);
        List<LabelledRow> test = recent.subList(recent.size() - testRows, recent.size());

        if (training.cleaning().isEmpty()) {
            DatasetSummary summary = summary(counts, train, test, null, task);
            requireBothSlices(training, summary, task);
            return new Dataset(featureNames, train, test, summary, null, featureNames, train, test, task);
        }
        CleaningSpec spec = training.cleaning().get();
        CleaningPlan plan = CleaningPlan.from(profile(train, featureNames, spec), featureNames, CleaningOptions.of(spec));
        CleaningSteps steps = plan.servable();
        Cleaned cleanedTrain = clean(train, steps);
        Cleaned cleanedTest = clean(test, steps);
        if (cleanedTrain.rows().isEmpty() || cleanedTest.rows().isEmpty()) {
            throw new DatasetRefusedException("cleaning left " + cleanedTrain.rows().size() + " training and "
                    + cleanedTest.rows().size() + " held-out examples; no model can be trained and judged on that"
                    + " (model.training.cleaning drops too much: " + plan.steps() + ")", counts);
        }
        DatasetCleaning cleaning = new DatasetCleaning(plan, train.size() - cleanedTrain.rows().size(),
                test.size() - cleanedTest.rows().size(), cleanedTrain.imputed() + cleanedTest.imputed(),
                cleanedTrain.clipped() + cleanedTest.clipped());
        DatasetSummary summary = summary(counts, cleanedTrain.rows(), cleanedTest.rows(), cleaning, task);
        requireBothSlices(training, summary, task);
        return new Dataset(plan.kept(), cleanedTrain.rows(), cleanedTest.rows(), summary, steps, featureNames,
                cleanedTrain.uncleaned(), cleanedTest.uncleaned(), task);
    }

    /** Regression counts no positives: its labels are numbers, not classes. */
    private static DatasetSummary summary(DatasetSummary counts, List<LabelledRow> train, List<LabelledRow> test,
                                          DatasetCleaning cleaning, ModelTask task) {
        boolean binary = task == ModelTask.BINARY_CLASSIFICATION;
        return new DatasetSummary(counts.read(), counts.duplicates(), counts.unusable(), counts.outsideWindow(),
                train.size() + test.size(), train.size(), binary ? positives(train) : 0, test.size(),
                binary ? positives(test) : 0,
                train.get(0).eventTime(), train.get(train.size() - 1).eventTime(),
                test.get(0).eventTime(), test.get(test.size() - 1).eventTime(), cleaning);
    }

    private static void requireBothSlices(TrainingSpec training, DatasetSummary summary, ModelTask task)
            throws DatasetRefusedException {
        if (task != ModelTask.BINARY_CLASSIFICATION) {
            return;
        }
        requireClasses("training", summary.trainRows(), summary.trainPositives(), training.minPositives(), summary);
        requireClasses("held-out", summary.testRows(), summary.testPositives(), training.minPositives(), summary);
    }

    /** Everything usable but for missing (NaN) features, which the cleaning imputes or drops. */
    private static boolean usableButForNulls(LabelledRow example, ModelTask task) {
        if (example.eventId() == null || example.eventTime() == null || !example.hasLabelFor(task)) {
            return false;
        }
        for (double value : example.features()) {
            if (Double.isInfinite(value)) {
                return false;
            }
        }
        return true;
    }

    /** The profile the plan is fitted on: the training slice only, features and label. */
    private static DatasetProfile profile(List<LabelledRow> train, List<String> featureNames, CleaningSpec spec) {
        ProfileOptions defaults = ProfileOptions.defaults();
        ProfileOptions options = new ProfileOptions(defaults.histogramBins(), defaults.exactValues(),
                defaults.exactDistinct(), defaults.sampleRows(), spec.collinearThreshold(), defaults.outlierExamples(),
                defaults.normalityAlpha(), false, defaults.seed());
        List<String> columns = new ArrayList<>(featureNames);
        columns.add(LABEL);
        DatasetProfiler profiler = DatasetProfiler.numeric(columns, LABEL, options);
        double[] values = new double[columns.size()];
        for (LabelledRow row : train) {
            System.arraycopy(row.features(), 0, values, 0, featureNames.size());
            values[featureNames.size()] = row.label();
            profiler.addRow(values);
        }
        return profiler.finish("training slice");
    }

    private static Cleaned clean(List<LabelledRow> slice, CleaningSteps steps) {
        List<LabelledRow> rows = new ArrayList<>(slice.size());
        List<LabelledRow> uncleaned = new ArrayList<>(slice.size());
        long imputed = 0;
        long clipped = 0;
        int[] keptIndex = steps.kept().stream().mapToInt(steps.features()::indexOf).toArray();
        for (LabelledRow row : slice) {
            double[] features = steps.clean(row.features());
            if (features == null) {
                continue;
            }
            for (int i = 0; i < features.length; i++) {
                double before = row.features()[keptIndex[i]];
                imputed += Double.isNaN(before) && !Double.isNaN(features[i]) ? 1 : 0;
                clipped += !Double.isNaN(before) && before != features[i] ? 1 : 0;
            }
            rows.add(new LabelledRow(row.eventId(), row.eventTime(), features, row.label()));
            uncleaned.add(row);
        }
        return new Cleaned(rows, uncleaned, imputed, clipped);
    }

    /** A slice after cleaning, the rows it kept as they were, and what it changed. */
    private record Cleaned(List<LabelledRow> rows, List<LabelledRow> uncleaned, long imputed, long clipped) {
    }

    private static int positives(List<LabelledRow> slice) {
        return (int) slice.stream().filter(example -> example.label() == 1.0).count();
    }

    private static void requireClasses(String slice, int rows, int positives, int minPositives,
                                       DatasetSummary summary) throws DatasetRefusedException {
        if (positives < Math.max(minPositives, 1)) {
            throw new DatasetRefusedException("the " + slice + " slice has " + positives + " positives in " + rows
                    + " examples; the spec needs at least " + minPositives + " (model.training.minPositives)"
                    + " to train and judge a model", summary);
        }
        if (positives == rows) {
            throw new DatasetRefusedException("the " + slice + " slice has " + positives + " positives in " + rows
                    + " examples and no negative; both classes are needed to train and judge a model", summary);
        }
    }
}
