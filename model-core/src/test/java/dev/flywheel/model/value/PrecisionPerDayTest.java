package dev.flywheel.model.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Precision@k per day, by transaction and by card, on two days small enough to rank by hand. */
class PrecisionPerDayTest {

    // Day 0: card A (.9, genuine) and (.3, fraud), card B (.8, genuine), card C (.7, fraud); day 1: card D (.5, fraud)
    private static final double[] SCORES = {0.9, 0.3, 0.8, 0.7, 0.5};
    private static final double[] LABELS = {0, 1, 0, 1, 1};
    private static final long[] TIMES = {100, 200, 300, 400, 86_400 + 100};
    private static final String[] CARDS = {"A", "A", "B", "C", "D"};

    @Test
    void byTransaction() {
        // When k = 2 and rows are cases
        PrecisionPerDay precision = PrecisionPerDay.of(SCORES, LABELS, TIMES, null, 2);

        // Then day 0 top 2: .9 (genuine), .8 (genuine) -> 0/2; day 1: one fraud -> 1/2; mean (0 + .5) / 2 = .25
        assertThat(precision.days()).extracting(PrecisionPerDay.Day::precision).containsExactly(0.0, 0.5);
        assertThat(precision.mean()).isEqualTo(0.25);
    }

    @Test
    void byCard() {
        // When k = 2 and cards are cases: card A takes its day's highest score (.9) and any fraud (yes)
        PrecisionPerDay precision = PrecisionPerDay.of(SCORES, LABELS, TIMES, CARDS, 2);

        // Then day 0 cards A (.9, compromised), B (.8), C (.7): top 2 = A, B -> 1/2; day 1: D -> 1/2; mean .5
        assertThat(precision.days()).extracting(PrecisionPerDay.Day::cases).containsExactly(3, 1);
        assertThat(precision.days()).extracting(PrecisionPerDay.Day::precision).containsExactly(0.5, 0.5);
        assertThat(precision.mean()).isEqualTo(0.5);
    }

    @Test
    void kMustBePositive() {
        assertThatThrownBy(() -> PrecisionPerDay.of(SCORES, LABELS, TIMES, null, 0))
                .hasMessage("k must be >= 1 but was 0");
    }
}
