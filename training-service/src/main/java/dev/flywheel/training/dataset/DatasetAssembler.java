package dev.flywheel.training.dataset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flywheel.contracts.spec.TrainingSpec;

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
 *   <li>the later {@code holdout} fraction becomes the test slice.</li>
 * </ol>
 * Refuses fewer than {@code minExamples} usable examples, and a training or held-out slice with fewer than
 * {@code minPositives} positives or without negatives: a model learnt from a handful of positives is luck, and
 * an average precision over a handful of them is noise (one positive ranked first gives 1.0), which would then
 * be the baseline monitoring holds the model to.
 */
public final class DatasetAssembler {

    private DatasetAssembler() {
    }

    /**
     * @param examples     rows in the order read, features in the order of {@code featureNames}
     */
    public static Dataset assemble(List<LabelledRow> examples, List<String> featureNames, TrainingSpec training)
            throws DatasetRefusedException {
        Map<String, LabelledRow> latest = new LinkedHashMap<>();
        for (LabelledRow example : examples) {
            latest.remove(example.eventId());
            latest.put(example.eventId(), example);
        }
        int duplicates = examples.size() - latest.size();

        List<LabelledRow> usable = new ArrayList<>();
        for (LabelledRow example : latest.values()) {
            if (example.isUsable()) {
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

        DatasetSummary summary = new DatasetSummary(examples.size(), duplicates, unusable, outsideWindow, recent.size(),
                train.size(), positives(train), test.size(), positives(test),
                train.get(0).eventTime(), train.get(train.size() - 1).eventTime(),
                test.get(0).eventTime(), test.get(test.size() - 1).eventTime());
        requireClasses("training", train.size(), summary.trainPositives(), training.minPositives(), summary);
        requireClasses("held-out", test.size(), summary.testPositives(), training.minPositives(), summary);
        return new Dataset(featureNames, train, test, summary);
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
