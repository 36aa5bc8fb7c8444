package dev.flywheel.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.TuningSpec;

class HalvingScheduleTest {

    @Test
    void twelveTrialsWithEtaThreeGoTwelveFourOneOnTwoSixEighteenEpochs() {
        // Given / When
        HalvingSchedule schedule = HalvingSchedule.of(12, Optional.of(new TuningSpec.Halving(3, 2)), 18);

        // Then
        assertThat(schedule.rungs()).containsExactly(new HalvingSchedule.Rung(0, 2, 12),
                new HalvingSchedule.Rung(1, 6, 4), new HalvingSchedule.Rung(2, 18, 1));
        assertThat(schedule.survivorsOf(0)).isEqualTo(4);
        assertThat(schedule.survivorsOf(2)).isZero();
        assertThat(schedule.totalSteps(resource -> 10L * resource)).isEqualTo(10L * (12 * 2 + 4 * 6 + 18));
        assertThat(schedule.trainings()).isEqualTo(17);
    }

    @Test
    void aSingleSurvivorGoesStraightToTheFullResourceAndTheLastRungIsNeverAboveIt() {
        assertThat(HalvingSchedule.of(4, Optional.of(new TuningSpec.Halving(3, 1)), 100).rungs()).containsExactly(
                new HalvingSchedule.Rung(0, 1, 4), new HalvingSchedule.Rung(1, 100, 1));
        assertThat(HalvingSchedule.of(9, Optional.of(new TuningSpec.Halving(2, 3)), 10).rungs()).containsExactly(
                new HalvingSchedule.Rung(0, 3, 9), new HalvingSchedule.Rung(1, 6, 4), new HalvingSchedule.Rung(2, 10, 2));
    }

    @Test
    void withoutHalvingEveryTrialTrainsOnceWithTheFullResource() {
        assertThat(HalvingSchedule.of(5, Optional.empty(), 8).rungs()).containsExactly(new HalvingSchedule.Rung(0, 8, 5));
        assertThatThrownBy(() -> HalvingSchedule.of(5, Optional.of(new TuningSpec.Halving(3, 9)), 8))
                .hasMessage("minResource 9 is above the full resource 8");
    }
}
