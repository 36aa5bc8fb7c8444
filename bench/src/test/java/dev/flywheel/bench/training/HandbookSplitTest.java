package dev.flywheel.bench.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandbookSplitTest {

    @Test
    void cardsKnownCompromisedByTheTestDayAreRemovedFromIt() {
        // Given card 1 defrauded in the training week (days 0-6), card 2 defrauded on day 7 (the first delay day),
        // card 4 never
        double[][] features = new double[7][1];
        double[] labels = {1, 0, 1, 0, 0, 0, 0};
        int[] days = {0, 3, 7, 14, 14, 15, 15};
        int[] cards = {1, 4, 2, 1, 2, 2, 4};
        FeatureTable.Rows rows = new FeatureTable.Rows(features, labels, days, cards);

        // When the handbook split starts training on day 0 (delay days 7-13, test days 14-20)
        HandbookSplit split = HandbookSplit.of(rows, 0);

        // Then training is days 0-6, unfiltered; test day 14 drops card 1 (known from training) but keeps card 2,
        // whose day-7 fraud counts as known only from test day 15 on (labels up to the test day - 8), which drops it
        assertThat(split.train()).containsExactly(0, 1);
        assertThat(split.test()).containsExactly(4, 6);
    }
}
