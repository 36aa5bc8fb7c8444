package dev.flywheel.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.TuningSpec;

/** Successive halving over a made-up objective: which trials survive each rung, the budgets, parallel trials. */
class SuccessiveHalvingTest {

    /** Higher is better, NaN never. */
    private static final SuccessiveHalving.Ranking HIGHER = (a, b) -> !Double.isNaN(a) && (Double.isNaN(b) || a > b);

    /** Trial i's quality is its "q" param; more resource adds to every trial alike. */
    private static final SuccessiveHalving.Trainer OBJECTIVE =
            (trial, params, rung, resource) -> new SuccessiveHalving.Trained(
                    ((Number) params.get("q")).doubleValue() + resource / 1000.0, resource);

    private static List<Map<String, Object>> configurations(double... qualities) {
        return IntStream.range(0, qualities.length).mapToObj(i -> Map.<String, Object>of("q", qualities[i])).toList();
    }

    @Test
    void theBestThirdSurvivesEachRungAndTheBestAtTheLastRungWins() {
        // Given 12 configurations of known quality, halving with eta 3 from 2 to 18 epochs
        List<Map<String, Object>> configurations =
                configurations(0.1, 0.9, 0.3, 0.5, 0.2, 0.8, 0.4, 0.7, 0.6, 0.05, 0.85, 0.15);
        HalvingSchedule schedule = HalvingSchedule.of(12, Optional.of(new TuningSpec.Halving(3, 2)), 18);

        // When
        SuccessiveHalving.Outcome outcome = SuccessiveHalving.run("net", configurations, schedule, OBJECTIVE, HIGHER,
                1, Optional.empty(), System::nanoTime, SuccessiveHalving.Listener.NONE);

        // Then the 4 best (trials 2, 11, 6, 8) reached rung 1, the best of them (2) rung 2 and won
        assertThat(outcome.best()).contains(2);
        assertThat(outcome.trials()).filteredOn(t -> t.rung() >= 1).extracting(TrialReport::trial)
                .containsExactlyInAnyOrder(2, 11, 6, 8);
        TrialReport winner = outcome.bestTrial().orElseThrow();
        assertThat(winner.status()).isEqualTo(TrialReport.COMPLETED);
        assertThat(winner.rung()).isEqualTo(2);
        assertThat(winner.resource()).isEqualTo(18);
        assertThat(winner.rungScores()).containsExactly(0.902, 0.906, 0.918);
        assertThat(outcome.trials().get(10)).satisfies(t -> {
            assertThat(t.status()).isEqualTo(TrialReport.STOPPED_EARLY);
            assertThat(t.rung()).isEqualTo(1);
            assertThat(t.message()).startsWith("halving: rank 2 of 4 at rung 1 (resource 6)");
        });
        assertThat(outcome.trials().stream().filter(t -> t.status().equals(TrialReport.STOPPED_EARLY))).hasSize(11);
        assertThat(outcome.timeBudgetSpent()).isFalse();
    }

    @Test
    void aFailingTrialIsRecordedWithItsReasonAndTheOthersGoOn() {
        SuccessiveHalving.Trainer failingThird = (trial, params, rung, resource) -> {
            if (trial == 3) {
                throw new IllegalArgumentException("maxDepth must be >= 1 but was 0");
            }
            return OBJECTIVE.train(trial, params, rung, resource);
        };

        SuccessiveHalving.Outcome outcome = SuccessiveHalving.run("boosted", configurations(0.1, 0.2, 0.9, 0.3),
                HalvingSchedule.of(4, Optional.empty(), 10), failingThird, HIGHER, 2, Optional.empty(),
                System::nanoTime, SuccessiveHalving.Listener.NONE);

        assertThat(outcome.trials().get(2)).satisfies(t -> {
            assertThat(t.status()).isEqualTo(TrialReport.FAILED);
            assertThat(t.message()).isEqualTo("maxDepth must be >= 1 but was 0");
            assertThat(t.score()).isNull();
        });
        assertThat(outcome.best()).contains(4);
    }

    @Test
    void noTrainingStartsOnceTheTimeBudgetIsSpent() {
        // Given a clock that each training moves on by its resource in seconds, and a 10 s budget
        AtomicLong clock = new AtomicLong();
        SuccessiveHalving.Trainer slow = (trial, params, rung, resource) -> {
            clock.addAndGet(TimeUnit.SECONDS.toNanos(resource));
            return OBJECTIVE.train(trial, params, rung, resource);
        };
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());

        // When 9 trials of 2 s each are due at rung 0, one at a time
        SuccessiveHalving.Outcome outcome = SuccessiveHalving.run("net",
                configurations(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9),
                HalvingSchedule.of(9, Optional.of(new TuningSpec.Halving(3, 2)), 18), slow, HIGHER, 1,
                Optional.of(Duration.ofSeconds(10)), clock::get, new SuccessiveHalving.Listener() {
                    @Override
                    public void onTrialStarted(int trial, int rung, int resource) {
                        started.add(trial);
                    }
                });

        // Then 5 trained (the 5th started at 8 s), the rest stopped early, and the best trained one won
        assertThat(started).containsExactly(1, 2, 3, 4, 5);
        assertThat(outcome.timeBudgetSpent()).isTrue();
        assertThat(outcome.trials().subList(5, 9)).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TrialReport.STOPPED_EARLY);
            assertThat(t.rung()).isEqualTo(-1);
            assertThat(t.message()).contains("time budget");
        });
        assertThat(outcome.best()).contains(5);
        assertThat(outcome.bestTrial().orElseThrow().status()).isEqualTo(TrialReport.STOPPED_EARLY);
    }

    @Test
    void trialsRunInParallelUpToTheLimitWithTheSameOutcomeAsOneByOne() throws Exception {
        // Given a trainer that records how many trainings overlap; the first two wait for each other
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch bothStarted = new CountDownLatch(2);
        SuccessiveHalving.Trainer overlapping = (trial, params, rung, resource) -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (trial <= 2 && rung == 0) {
                    bothStarted.countDown();
                    bothStarted.await(10, TimeUnit.SECONDS);
                }
                return OBJECTIVE.train(trial, params, rung, resource);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        };
        List<Map<String, Object>> configurations = configurations(0.3, 0.1, 0.9, 0.5, 0.7, 0.2, 0.8, 0.4, 0.6);
        HalvingSchedule schedule = HalvingSchedule.of(9, Optional.of(new TuningSpec.Halving(3, 1)), 9);

        // When
        SuccessiveHalving.Outcome parallel = SuccessiveHalving.run("net", configurations, schedule, overlapping,
                HIGHER, 2, Optional.empty(), System::nanoTime, SuccessiveHalving.Listener.NONE);
        SuccessiveHalving.Outcome serial = SuccessiveHalving.run("net", configurations, schedule, OBJECTIVE, HIGHER,
                1, Optional.empty(), System::nanoTime, SuccessiveHalving.Listener.NONE);

        // Then two trained at once, never more, and the same trials survived and won
        assertThat(bothStarted.getCount()).isZero();
        assertThat(mostAtOnce.get()).isEqualTo(2);
        assertThat(parallel.best()).isEqualTo(serial.best()).contains(3);
        assertThat(parallel.trials()).extracting(TrialReport::rung, TrialReport::status)
                .isEqualTo(serial.trials().stream().map(t -> org.assertj.core.groups.Tuple.tuple(t.rung(), t.status()))
                        .toList());
    }
}
