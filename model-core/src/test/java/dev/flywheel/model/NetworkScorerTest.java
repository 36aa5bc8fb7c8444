package dev.flywheel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.ModelType;

class NetworkScorerTest {

    private static final LabelledMatrix DATA = SyntheticData.separable(2_000, 9);
    private static TrainedNetwork network;

    @BeforeAll
    static void train() {
        network = NetworkTrainer.train(DATA, TrainingParams.of(ModelType.MLP, Map.of("hidden", List.of(32, 16),
                "epochs", 1)), TrainingProgress.NONE);
    }

    @Test
    void scoresFromManyThreadsEqualSingleThreadedScores() throws Exception {
        // Given the single-threaded scores of every row
        try (Scorer scorer = network.scorer()) {
            double[] expected = new double[DATA.size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = scorer.score(DATA.rows()[i]);
            }

            // When 8 threads score all rows at once, each in its own order
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<double[]>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int offset = t * 250;
                    results.add(threads.submit(() -> {
                        double[] scores = new double[DATA.size()];
                        for (int k = 0; k < scores.length; k++) {
                            int i = (k + offset) % scores.length;
                            scores[i] = scorer.score(DATA.rows()[i]);
                        }
                        return scores;
                    }));
                }

                // Then every thread saw exactly the single-threaded scores
                for (Future<double[]> result : results) {
                    assertThat(result.get()).containsExactly(expected);
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void aBatchScoresLikeSingleRows() {
        try (Scorer scorer = network.scorer()) {
            double[] batch = scorer.scoreBatch(Arrays.copyOf(DATA.rows(), 100));

            for (int i = 0; i < 100; i++) {
                assertThat(batch[i]).isCloseTo(scorer.score(DATA.rows()[i]), org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(scorer.scoreBatch(new double[0][])).isEmpty();
        }
    }

    @Test
    void closeFreesTheModelAndLaterCallsFail() {
        // Given a scorer that has scored
        NetworkScorer scorer = (NetworkScorer) network.scorer();
        scorer.score(DATA.rows()[0]);

        // When it is closed
        scorer.close();

        // Then native memory is released and it refuses further work
        assertThat(scorer.isClosed()).isTrue();
        assertThat(scorer.isReleased()).isTrue();
        assertThatThrownBy(() -> scorer.score(DATA.rows()[0])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        scorer.close();
    }

    @Test
    void closeDuringScoringWaitsForTheRunningCallsBeforeFreeing() throws Exception {
        // Given threads that score continuously
        NetworkScorer scorer = (NetworkScorer) network.scorer();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch scoring = new CountDownLatch(4);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(threads.submit(() -> {
                int done = 0;
                scoring.countDown();
                try {
                    while (true) {
                        double score = scorer.score(DATA.rows()[done % DATA.size()]);
                        assertThat(score).isBetween(0.0, 1.0);
                        done++;
                    }
                } catch (IllegalStateException closed) {
                    return done;
                }
            }));
        }
        scoring.await();

        // When the scorer is closed under them
        scorer.close();

        // Then every thread stops with "closed" (never a native crash) and memory is released once
        for (Future<Integer> worker : workers) {
            assertThat(worker.get()).isGreaterThanOrEqualTo(0);
        }
        threads.shutdown();
        assertThat(scorer.isReleased()).isTrue();
    }

    @Test
    void singleRowScoringTakesMicroseconds() {
        // Given a warmed-up scorer of the demo's size (15 inputs would be similar: 4 inputs, 32-16 hidden)
        try (Scorer scorer = network.scorer()) {
            for (int i = 0; i < 5_000; i++) {
                scorer.score(DATA.rows()[i % DATA.size()]);
            }

            // When single rows are scored one after another
            long[] nanos = new long[20_000];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                scorer.score(DATA.rows()[i % DATA.size()]);
                nanos[i] = System.nanoTime() - start;
            }

            // Then the median is far below a millisecond (tens of microseconds on a quiet machine)
            Arrays.sort(nanos);
            long median = nanos[nanos.length / 2];
            System.out.printf("single-row score: median %d us, p99 %d us%n", median / 1000,
                    nanos[nanos.length * 99 / 100] / 1000);
            assertThat(median).isLessThan(1_000_000);
        }
    }
}
