package dev.flywheel.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.flywheel.training.tuning.TrialProgress;

/** What the status endpoint shows of a run whose candidate is being tuned. */
class TrainingRunProgressTest {

    @Test
    void aTunedRunShowsTrialNOfNTheBestSoFarPercentRateAndEta() {
        // Given a run training its first candidate, 40 of 100 steps done
        TrainingRun run = new TrainingRun("r1", "card-fraud", Trigger.MANUAL, "asked", Instant.now(), Duration.ofHours(1));
        run.started();
        run.training("mlp", 1, 2, 100);
        run.step(40, 100, 1, 0.5);

        // When trial 3 of 6 starts at rung 1, the best so far trial 2's 0.31, and an older step count arrives late
        run.trial(new TrialProgress("mlp", 3, 6, 1, "epochs", 3, 7, 9, 0.31, 2));
        run.step(35, 100, 1, 0.5);

        // Then
        TrainingRunView.Progress progress = run.view().progress();
        assertThat(progress.phase()).isEqualTo("tuning mlp: trial 3 of 6 (rung 1, epochs 3), best so far 0.3100 (trial 2)");
        assertThat(progress.tuning().trial()).isEqualTo(3);
        assertThat(progress.tuning().trials()).isEqualTo(6);
        assertThat(progress.tuning().bestScore()).isEqualTo(0.31);
        assertThat(progress.stepsDone()).isEqualTo(40);
        assertThat(progress.percent()).isEqualTo(10 + 85 * 0.4);
        assertThat(progress.stepsPerSecond()).isPositive();
        // the ETA is the 60 steps left at that rate (both rounded to 0.1)
        assertThat(progress.etaSeconds()).isNotNull().isCloseTo(60 / progress.stepsPerSecond(), within(0.1));
    }

    @Test
    void aRunWaitingForTheRegistryDatabaseSaysSoWithTheRetryAndItsWait() {
        // Given a run registering its winner
        TrainingRun run = new TrainingRun("r2", "card-fraud", Trigger.MANUAL, "asked", Instant.now(), Duration.ofHours(1));
        run.started();
        run.registering();

        // When the registry database is unavailable twice
        run.registryUnavailable("registering the version", 1, 11, Duration.ofMillis(500),
                new IllegalStateException("connection refused"));
        run.registryUnavailable("registering the version", 2, 11, Duration.ofSeconds(4),
                new IllegalStateException("connection refused"));

        // Then the status endpoint's phase names the retry, its wait and why; the run is still running
        TrainingRunView view = run.view();
        assertThat(view.progress().phase()).isEqualTo("registry unavailable, retry 2 of 11 in 4s"
                + " (registering the version: connection refused)");
        assertThat(view.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.registryRetries()).isEqualTo(2);
        assertThat(TrainingRun.seconds(Duration.ofMillis(500))).isEqualTo("0.5s");
    }
}
