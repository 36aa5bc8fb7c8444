package dev.flywheel.bench.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CardPrecisionAtKTest {

    @Test
    void aCardFoundOnOneDayIsLeftOutOfTheNext() {
        // Given two days, k = 2; card 1 is compromised on both days and scored highest both times,
        // card 3 is compromised on day 2 only and ranked third there
        double[] scores = {0.9, 0.8, 0.1, /* day 2 */ 0.95, 0.7, 0.6, 0.2};
        double[] labels = {1, 0, 0, /* day 2 */ 1, 0, 1, 0};
        int[] days = {0, 0, 0, 1, 1, 1, 1};
        int[] cards = {1, 2, 3, 1, 2, 3, 4};

        // When card precision@2 is computed as the handbook's final version
        double precision = CardPrecisionAtK.of(scores, labels, days, cards, 2);

        // Then day 1 finds card 1 (1/2); on day 2 card 1 is gone, so the top two are cards 2 and 3 (1/2)
        assertThat(precision).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aCardsDayCountsOnceAtItsHighestScore() {
        // Given one day where card 7 pays twice, once fraudulently with a low score
        double[] scores = {0.9, 0.1, 0.5};
        double[] labels = {0, 1, 0};
        int[] days = {3, 3, 3};
        int[] cards = {7, 7, 8};

        // When precision@1 is computed
        double precision = CardPrecisionAtK.of(scores, labels, days, cards, 1);

        // Then card 7 ranks first by its highest score and counts as compromised
        assertThat(precision).isEqualTo(1.0);
    }
}
