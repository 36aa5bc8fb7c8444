package dev.flywheel.training.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.flywheel.training.config.TrainingConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class TrainingRunsTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final TrainingRuns runs = new TrainingRuns(new BlockingJob(release), config(), new SimpleMeterRegistry());

    @Test
    void aPipelineNeverHasTwoRunsAtOnce() {
        // Given a run of card-fraud that is in progress
        Submission first = runs.submit("card-fraud", Trigger.MANUAL, "test");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> first.run().status() == RunStatus.RUNNING);

        // When a drift run of the same pipeline and a run of another pipeline are asked for
        Submission second = runs.submit("card-fraud", Trigger.DRIFT, "test");
        Submission other = runs.submit("other", Trigger.MANUAL, "test");

        // Then the same pipeline gets the running run back; the other pipeline queues behind it
        assertThat(first.accepted()).isTrue();
        assertThat(second.accepted()).isFalse();
        assertThat(second.run()).isSameAs(first.run());
        assertThat(other.accepted()).isTrue();
        assertThat(other.run().status()).isEqualTo(RunStatus.QUEUED);

        // And once it ends, the pipeline accepts a new run
        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> first.run().status() == RunStatus.SUCCEEDED);
        assertThat(runs.submit("card-fraud", Trigger.DRIFT, "test").accepted()).isTrue();
        assertThat(runs.runs("card-fraud")).hasSize(2);
    }

    /** A job that runs until released, standing in for a training. */
    private static final class BlockingJob extends TrainingJob {

        private final CountDownLatch release;

        BlockingJob(CountDownLatch release) {
            super(null, null, null, null, null);
            this.release = release;
        }

        @Override
        public void execute(TrainingRun run) {
            run.started();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            run.succeeded(null, "released");
        }
    }

    private static TrainingConfig config() {
        return new TrainingConfig() {
            @Override
            public Duration checkInterval() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration readTimeout() {
                return Duration.ofMinutes(1);
            }

            @Override
            public Duration progressLogInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public int runsKept() {
                return 20;
            }

            @Override
            public Duration publishTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Optional<URI> publicUrl() {
                return Optional.empty();
            }

            @Override
            public RegistryDb registryDb() {
                throw new UnsupportedOperationException("runs do not open the registry database");
            }

            @Override
            public RegistryRetry registryRetry() {
                throw new UnsupportedOperationException("runs do not open the registry database");
            }
        };
    }
}
