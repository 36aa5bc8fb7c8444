package dev.flywheel.training.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.spec.TrainingSpec;

class DatasetAssemblerTest {

    private static final Instant DAY0 = Instant.parse("2018-04-01T00:00:00Z");
    private static final List<String> FEATURES = List.of("amount", "night");

    @Test
    void theLaterHoldoutFractionBecomesTheTestSliceInEventTimeOrder() throws Exception {
        // Given 10 examples read out of time order, every 5th positive
        List<ExampleLabelled> examples = new ArrayList<>();
        for (int i : new int[] {9, 3, 0, 7, 1, 8, 2, 6, 4, 5}) {
            examples.add(example("e" + i, DAY0.plusSeconds(60L * i), i % 5 == 4 ? 1 : 0));
        }

        // When assembled with a 20% holdout
        Dataset dataset = DatasetAssembler.assemble(rows(examples), FEATURES, training(0.2, 10, Duration.ofDays(30)));

        // Then the 8 earliest train, the 2 latest test, each in time order
        assertThat(dataset.train()).extracting(LabelledRow::eventId)
                .containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7");
        assertThat(dataset.test()).extracting(LabelledRow::eventId).containsExactly("e8", "e9");
        assertThat(dataset.summary()).extracting(DatasetSummary::trainRows, DatasetSummary::testRows,
                        DatasetSummary::trainPositives, DatasetSummary::testPositives)
                .containsExactly(8, 2, 1, 1);
        assertThat(dataset.summary().testFrom()).isEqualTo(DAY0.plusSeconds(480));
        assertThat(dataset.trainMatrix().rows()[3]).containsExactly(3.0, 0.0);
        assertThat(dataset.trainMatrix().labels()[4]).isEqualTo(1.0);
    }

    @Test
    void aDuplicatedEventKeepsTheRecordReadLast() throws Exception {
        // Given event e1 read twice, the second time relabelled as a fraud
        List<ExampleLabelled> examples = new ArrayList<>(List.of(
                example("e0", DAY0, 1), example("e1", DAY0.plusSeconds(1), 0), example("e2", DAY0.plusSeconds(2), 0),
                example("e3", DAY0.plusSeconds(3), 0), example("e4", DAY0.plusSeconds(4), 1),
                example("e5", DAY0.plusSeconds(5), 0), example("e1", DAY0.plusSeconds(1), 1)));

        // When assembled
        Dataset dataset = DatasetAssembler.assemble(rows(examples), FEATURES, training(0.34, 6, Duration.ofDays(30)));

        // Then e1 appears once, with the later label
        assertThat(dataset.summary().duplicates()).isEqualTo(1);
        assertThat(dataset.train()).extracting(LabelledRow::eventId).containsExactly("e0", "e1", "e2", "e3");
        assertThat(dataset.train().get(1).label()).isEqualTo(1.0);
        assertThat(dataset.test()).extracting(LabelledRow::eventId).containsExactly("e4", "e5");
    }

    @Test
    void onlyTheRecentWindowBeforeTheNewestExampleIsKept() throws Exception {
        // Given examples over 10 days and a 3-day window
        List<ExampleLabelled> examples = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            examples.add(example("a" + day, DAY0.plus(Duration.ofDays(day)), day % 2));
            examples.add(example("b" + day, DAY0.plus(Duration.ofDays(day)).plusSeconds(10), (day + 1) % 2));
        }

        // When assembled
        Dataset dataset = DatasetAssembler.assemble(rows(examples), FEATURES, training(0.5, 4, Duration.ofDays(3)));

        // Then days 6..9 remain (day 6 00:00:10 is 3 days before the newest, day 9 00:00:10, and is kept)
        assertThat(dataset.summary().outsideWindow()).isEqualTo(13);
        assertThat(dataset.summary().used()).isEqualTo(7);
        assertThat(dataset.train().get(0).eventTime()).isEqualTo(DAY0.plus(Duration.ofDays(6)).plusSeconds(10));
    }

    @Test
    void examplesWithoutEveryFeatureOrWithAnotherLabelAreUnusable() throws Exception {
        // Given good examples, one lacking 'night', one with NaN and one labelled 0.5
        List<ExampleLabelled> examples = new ArrayList<>(List.of(example("e0", DAY0, 1),
                example("e1", DAY0.plusSeconds(1), 0), example("e2", DAY0.plusSeconds(2), 1),
                example("e3", DAY0.plusSeconds(3), 0)));
        examples.add(new ExampleLabelled("x", 1, "p", "m1", DAY0, Map.of("amount", 1.0), 0, DAY0));
        examples.add(new ExampleLabelled("x", 1, "p", "m2", DAY0, Map.of("amount", Double.NaN, "night", 0.0), 0, DAY0));
        examples.add(new ExampleLabelled("x", 1, "p", "m3", DAY0, Map.of("amount", 1.0, "night", 0.0), 0.5, DAY0));

        // When assembled, then they are counted and left out
        Dataset dataset = DatasetAssembler.assemble(rows(examples), FEATURES, training(0.5, 4, Duration.ofDays(30)));
        assertThat(dataset.summary().unusable()).isEqualTo(3);
        assertThat(dataset.summary().used()).isEqualTo(4);
    }

    @Test
    void fewerThanMinExamplesIsRefusedWithTheCounts() {
        List<ExampleLabelled> examples = List.of(example("e0", DAY0, 1), example("e1", DAY0.plusSeconds(1), 0),
                example("e0", DAY0, 1));

        assertThatThrownBy(() -> DatasetAssembler.assemble(rows(examples), FEATURES, training(0.2, 1000, Duration.ofDays(30))))
                .isInstanceOf(DatasetRefusedException.class)
                .hasMessageContaining("only 2 usable examples, the spec needs 1000")
                .hasMessageContaining("1 duplicates")
                .satisfies(e -> assertThat(((DatasetRefusedException) e).summary().read()).isEqualTo(3));
    }

    @Test
    void aHeldOutSliceWithoutPositivesIsRefused() {
        // Given positives only in the earlier part
        List<ExampleLabelled> examples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            examples.add(example("e" + i, DAY0.plusSeconds(i), i < 3 ? 1 : 0));
        }

        assertThatThrownBy(() -> DatasetAssembler.assemble(rows(examples), FEATURES, training(0.3, 10, Duration.ofDays(30))))
                .isInstanceOf(DatasetRefusedException.class)
                .hasMessageContaining("the held-out slice has 0 positives in 3 examples");
    }

    @Test
    void aSliceWithFewerThanMinPositivesIsRefusedAndExactlyThatManyIsEnough() throws Exception {
        // Given 100 examples, every 10th positive: 8 positives among the 80 training, 2 among the 20 held out
        List<ExampleLabelled> examples = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            examples.add(example("e" + i, DAY0.plusSeconds(i), i % 10 == 9 ? 1 : 0));
        }

        // When the spec needs 2 positives per slice, then the dataset is assembled
        Dataset enough = DatasetAssembler.assemble(rows(examples), FEATURES, training(0.2, 100, 2, Duration.ofDays(30)));
        assertThat(enough.summary()).extracting(DatasetSummary::trainPositives, DatasetSummary::testPositives)
                .containsExactly(8, 2);

        // When it needs 3, then the held-out slice is refused, with the counts
        assertThatThrownBy(() -> DatasetAssembler.assemble(rows(examples), FEATURES, training(0.2, 100, 3, Duration.ofDays(30))))
                .isInstanceOf(DatasetRefusedException.class)
                .hasMessage("the held-out slice has 2 positives in 20 examples; the spec needs at least 3"
                        + " (model.training.minPositives) to train and judge a model")
                .satisfies(e -> assertThat(((DatasetRefusedException) e).summary().testPositives()).isEqualTo(2));

        // When it needs 9, then the training slice is refused first
        assertThatThrownBy(() -> DatasetAssembler.assemble(rows(examples), FEATURES, training(0.2, 100, 9, Duration.ofDays(30))))
                .isInstanceOf(DatasetRefusedException.class)
                .hasMessageStartingWith("the training slice has 8 positives in 80 examples; the spec needs at least 9");
    }

    @Test
    void aSliceWithoutNegativesIsRefused() {
        // Given negatives only in the earlier part
        List<ExampleLabelled> examples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            examples.add(example("e" + i, DAY0.plusSeconds(i), i < 3 ? 0 : 1));
        }

        assertThatThrownBy(() -> DatasetAssembler.assemble(rows(examples), FEATURES, training(0.3, 10, Duration.ofDays(30))))
                .isInstanceOf(DatasetRefusedException.class)
                .hasMessageContaining("the held-out slice has 3 positives in 3 examples and no negative");
    }

    private static ExampleLabelled example(String eventId, Instant time, double label) {
        double index = Double.parseDouble(eventId.replaceAll("\\D", "").isEmpty() ? "0" : eventId.replaceAll("\\D", ""));
        return new ExampleLabelled("example-" + eventId, ExampleLabelled.SCHEMA_VERSION, "p", eventId, time,
                Map.of("amount", index, "night", 0.0), label, time.plus(Duration.ofDays(7)));
    }

    private static List<LabelledRow> rows(List<ExampleLabelled> examples) {
        return examples.stream().map(example -> LabelledRow.of(example, FEATURES)).toList();
    }

    /** Content with one positive per slice, as the small example sets here hold. */
    private static TrainingSpec training(double holdout, int minExamples, Duration window) {
        return training(holdout, minExamples, 1, window);
    }

    private static TrainingSpec training(double holdout, int minExamples, int minPositives, Duration window) {
        return new TrainingSpec(holdout, minExamples, minPositives, Optional.empty(), window);
    }
}
