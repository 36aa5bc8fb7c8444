package dev.flywheel.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;
import dev.flywheel.inference.model.FeatureVector;
import dev.flywheel.inference.model.ModelLease;
import dev.flywheel.inference.model.ModelSlot;
import dev.flywheel.inference.model.ModelSwapper;
import dev.flywheel.inference.model.ServingModel;
import dev.flywheel.inference.model.ServingModels;
import dev.flywheel.inference.model.SwapOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Micro-batching of concurrent single rows without Quarkus: real threads, a stand-in model whose first call can be
 * held open, so rows are known to arrive while the model is busy.
 */
class MicroBatcherTest {

    private static final PipelineSpec SPEC = PipelineSpecs.load(Path.of("../pipelines/card-fraud.yaml"));

    private final ServingModels models = ServingModels.of(SPEC.name());
    private final ModelSlot slot = models.slot(SPEC.name()).orElseThrow();
    private final List<GatedModel> loaded = new CopyOnWriteArrayList<>();
    private final ModelSwapper swapper = new ModelSwapper(models, promotion -> {
        GatedModel model = new GatedModel(promotion.modelVersion(), Integer.parseInt(promotion.modelVersion()));
        loaded.add(model);
        return model;
    }, new SimpleMeterRegistry());

    @Test
    void rowsThatArriveWhileTheModelIsBusyAreScoredTogetherInTheNextCallEachWithItsOwnScore() throws Exception {
        // Given version 1 serving, and its next call held open
        serve("1");
        GatedModel model = loaded.get(0);
        model.holdNextCall();
        MicroBatcher batcher = new MicroBatcher(MicroBatcherTest::score, true, 64);

        // When one request starts scoring, seven more arrive while it is held, and then it is let go
        CompletableFuture<CompletableFuture<PredictionMade>> first = CompletableFuture.supplyAsync(
                () -> batcher.score(SPEC, lease(), query(100), System.nanoTime()).toCompletableFuture());
        assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<PredictionMade>> later = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            later.add(batcher.score(SPEC, lease(), query(100 + i), System.nanoTime()).toCompletableFuture());
        }
        assertThat(later).noneMatch(CompletableFuture::isDone);
        model.release.countDown();

        // Then the first row was scored alone, the seven together in one call, and every answer is its own row's
        assertThat(first.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS).score()).isEqualTo(100.0);
        for (int i = 0; i < later.size(); i++) {
            assertThat(later.get(i).get(10, TimeUnit.SECONDS).score()).isEqualTo(101.0 + i);
        }
        assertThat(model.callSizes).containsExactly(1, 7);
        // and every lease was closed: the retired version closes once a newer one serves
        serve("2");
        assertThat(model.closed).isTrue();
    }

    @Test
    void noCallScoresMoreThanMaxRows() throws Exception {
        // Given version 1 serving, its next call held open, and at most 4 rows per call
        serve("1");
        GatedModel model = loaded.get(0);
        model.holdNextCall();
        MicroBatcher batcher = new MicroBatcher(MicroBatcherTest::score, true, 4);

        // When ten rows arrive while the first is held
        CompletableFuture<CompletableFuture<PredictionMade>> first = CompletableFuture.supplyAsync(
                () -> batcher.score(SPEC, lease(), query(0), System.nanoTime()).toCompletableFuture());
        assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<PredictionMade>> later = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            later.add(batcher.score(SPEC, lease(), query(i), System.nanoTime()).toCompletableFuture());
        }
        model.release.countDown();
        first.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);

        // Then they went in calls of 4, 4 and 2, all answered
        await().atMost(Duration.ofSeconds(10)).until(() -> later.stream().allMatch(CompletableFuture::isDone));
        assertThat(model.callSizes).containsExactly(1, 4, 4, 2);
        assertThat(later).noneMatch(CompletableFuture::isCompletedExceptionally);
    }

    @Test
    void rowsWhoseRequestsSawDifferentModelsAreEachScoredByTheirOwn() throws Exception {
        // Given a request that leased version 1 just before version 2 was swapped in, and version 2's call held
        serve("1");
        ModelLease onOne = lease();
        serve("2");
        GatedModel one = loaded.get(0);
        GatedModel two = loaded.get(1);
        two.holdNextCall();
        MicroBatcher batcher = new MicroBatcher(MicroBatcherTest::score, true, 64);

        // When a version-2 request is being scored and the version-1 row and another version-2 row arrive
        CompletableFuture<CompletableFuture<PredictionMade>> first = CompletableFuture.supplyAsync(
                () -> batcher.score(SPEC, lease(), query(5), System.nanoTime()).toCompletableFuture());
        assertThat(two.entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<PredictionMade> old = batcher.score(SPEC, onOne, query(7), System.nanoTime())
                .toCompletableFuture();
        CompletableFuture<PredictionMade> current = batcher.score(SPEC, lease(), query(9), System.nanoTime())
                .toCompletableFuture();
        two.release.countDown();

        // Then each was scored by the model its request saw (version v scores v * x), and version 1 closed after
        assertThat(first.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS).modelVersion()).isEqualTo("2");
        assertThat(old.get(10, TimeUnit.SECONDS)).extracting(PredictionMade::modelVersion, PredictionMade::score)
                .containsExactly("1", 7.0);
        assertThat(current.get(10, TimeUnit.SECONDS)).extracting(PredictionMade::modelVersion, PredictionMade::score)
                .containsExactly("2", 18.0);
        assertThat(one.closed).isTrue();
    }

    @Test
    void offEachRowIsScoredAloneBeforeTheCallReturns() {
        // Given micro-batching off
        serve("1");
        MicroBatcher batcher = new MicroBatcher(MicroBatcherTest::score, false, 64);

        // When two rows are scored
        CompletableFuture<PredictionMade> a = batcher.score(SPEC, lease(), query(3), System.nanoTime())
                .toCompletableFuture();
        CompletableFuture<PredictionMade> b = batcher.score(SPEC, lease(), query(4), System.nanoTime())
                .toCompletableFuture();

        // Then each was answered at once, in a call of its own
        assertThat(a).isCompletedWithValueMatching(made -> made.score() == 3.0);
        assertThat(b).isCompletedWithValueMatching(made -> made.score() == 4.0);
        assertThat(loaded.get(0).callSizes).containsExactly(1, 1);
    }

    @Test
    void aFailedCallFailsEveryRowInItAndClosesTheirLeases() throws Exception {
        // Given a scorer that fails
        serve("1");
        MicroBatcher batcher = new MicroBatcher((spec, lease, queries, started) -> {
            throw new IllegalStateException("model exploded");
        }, true, 64);

        // When a row is scored
        CompletableFuture<PredictionMade> answer = batcher.score(SPEC, lease(), query(1), System.nanoTime())
                .toCompletableFuture();

        // Then its answer fails with the reason, and its lease was closed (version 1 closes once retired)
        assertThat(answer).isCompletedExceptionally();
        serve("2");
        assertThat(loaded.get(0).closed).isTrue();
    }

    private void serve(String version) {
        SwapOutcome outcome = swapper.apply(new ModelPromoted("promotion-" + version, ModelPromoted.SCHEMA_VERSION,
                SPEC.name(), version, null, "test:" + version, "test", Instant.now()));
        assertThat(outcome).isEqualTo(SwapOutcome.SWAPPED);
        // The swapper's warm-up calls are not the test's.
        loaded.get(loaded.size() - 1).callSizes.clear();
    }

    private ModelLease lease() {
        return slot.acquire().orElseThrow();
    }

    /** A row whose first feature is {@code x}, the rest 0. */
    private static Predictions.Query query(double x) {
        double[] values = new double[SPEC.featureNames().size()];
        values[0] = x;
        return new Predictions.Query(PredictionIds.next(), new FeatureVector(values, Map.of()), null, null);
    }

    private static List<PredictionMade> score(PipelineSpec spec, ModelLease lease, List<Predictions.Query> queries,
                                              long[] started) {
        double[][] rows = queries.stream().map(query -> query.vector().values()).toArray(double[][]::new);
        double[] scores = lease.model().scoreBatch(rows);
        List<PredictionMade> made = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            made.add(new PredictionMade(queries.get(i).predictionId(), PredictionMade.SCHEMA_VERSION, spec.name(), null,
                    lease.model().version(), scores[i], false, Map.of(), Instant.now(), Instant.now(), 0));
        }
        return made;
    }

    /** Scores {@code version * row[0]}; records each call's row count; its next call can be held until released. */
    private final class GatedModel implements ServingModel {

        private final String version;
        private final double factor;
        final List<Integer> callSizes = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicBoolean hold = new AtomicBoolean();
        volatile boolean closed;

        GatedModel(String version, double factor) {
            this.version = version;
            this.factor = factor;
        }

        void holdNextCall() {
            hold.set(true);
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public List<String> featureNames() {
            return SPEC.featureNames();
        }

        @Override
        public double threshold() {
            return 0.5;
        }

        @Override
        public double score(double[] features) {
            return scoreBatch(new double[][] {features})[0];
        }

        @Override
        public double[] scoreBatch(double[][] rows) {
            if (hold.compareAndSet(true, false)) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            callSizes.add(rows.length);
            double[] scores = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                scores[i] = factor * rows[i][0];
            }
            return scores;
        }

        @Override
        public Object metadata() {
            return Map.of();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
