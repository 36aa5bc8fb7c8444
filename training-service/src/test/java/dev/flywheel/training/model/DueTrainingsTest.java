package dev.flywheel.training.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DueTrainingsTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void bootstrapWaitsForMinExamplesAndOnlyWithoutAModel() {
        assertThat(DueTrainings.bootstrapDue(false, 999, 1000, Optional.empty())).isFalse();
        assertThat(DueTrainings.bootstrapDue(false, 1000, 1000, Optional.empty())).isTrue();
        assertThat(DueTrainings.bootstrapDue(true, 5000, 1000, Optional.empty())).isFalse();
    }

    @Test
    void afterARefusedBootstrapItWaitsForNewExamples() {
        assertThat(DueTrainings.bootstrapDue(false, 1200, 1000, Optional.of(1200L))).isFalse();
        assertThat(DueTrainings.bootstrapDue(false, 1201, 1000, Optional.of(1200L))).isTrue();
    }

    @Test
    void aScheduleIsDueWhenItsPeriodElapsedSinceTheLastTraining() {
        Optional<Duration> sixHours = Optional.of(Duration.ofHours(6));

        assertThat(DueTrainings.scheduleDue(sixHours, true, Optional.of(NOW.minus(Duration.ofHours(5))), NOW)).isFalse();
        assertThat(DueTrainings.scheduleDue(sixHours, true, Optional.of(NOW.minus(Duration.ofHours(6))), NOW)).isTrue();
        assertThat(DueTrainings.scheduleDue(Optional.empty(), true, Optional.empty(), NOW)).isFalse();
        assertThat(DueTrainings.scheduleDue(sixHours, false, Optional.empty(), NOW)).isFalse();
    }
}
