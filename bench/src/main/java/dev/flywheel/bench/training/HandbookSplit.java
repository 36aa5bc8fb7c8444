package dev.flywheel.bench.training;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The Fraud Detection Handbook's train/test split ({@code get_train_test_set} in its {@code shared_functions.py}):
 * 7 training days from {@code trainStartDay}, a 7-day feedback delay, then 7 test days from which the cards
 * already known to be compromised are removed. Known on test day {@code i} (0..6): every card with a fraud in
 * the training week, plus every card with a fraud on day {@code trainStartDay + 7 + i - 1}, cumulatively. The
 * training rows are not filtered.
 *
 * @param train row indices of the training week
 * @param test  row indices of the test week, known compromised cards removed
 */
record HandbookSplit(int trainStartDay, int[] train, int[] test) {

    static final int TRAIN_DAYS = 7;
    static final int DELAY_DAYS = 7;
    static final int TEST_DAYS = 7;

    /** The first day after the test week, for loading only the rows a split needs. */
    static int endDay(int trainStartDay) {
        return trainStartDay + TRAIN_DAYS + DELAY_DAYS + TEST_DAYS;
    }

    static HandbookSplit of(FeatureTable.Rows rows, int trainStartDay) {
        int trainEnd = trainStartDay + TRAIN_DAYS;
        int[] train = IntStream.range(0, rows.size())
                .filter(i -> rows.days()[i] >= trainStartDay && rows.days()[i] < trainEnd).toArray();
        Set<Integer> known = new HashSet<>();
        for (int i : train) {
            if (rows.labels()[i] == 1.0) {
                known.add(rows.cards()[i]);
            }
        }
        IntStream.Builder test = IntStream.builder();
        for (int day = 0; day < TEST_DAYS; day++) {
            int delayDay = trainEnd + day - 1;
            for (int i = 0; i < rows.size(); i++) {
                if (rows.days()[i] == delayDay && rows.labels()[i] == 1.0) {
                    known.add(rows.cards()[i]);
                }
            }
            int testDay = trainEnd + DELAY_DAYS + day;
            for (int i = 0; i < rows.size(); i++) {
                if (rows.days()[i] == testDay && !known.contains(rows.cards()[i])) {
                    test.add(i);
                }
            }
        }
        return new HandbookSplit(trainStartDay, train, test.build().toArray());
    }
}
