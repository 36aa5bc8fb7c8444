package dev.flywheel.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.ModelPromoted;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The hot swap without Quarkus or Kafka: a stand-in model, real threads. */
class ModelSwapperTest {

    private static final String PIPELINE = "card-fraud";
    private static final List<String> FEATURES = List.of("tx_amount", "tx_during_night", "customer_nb_tx_1d");

    private final Map<String, FormulaModel> loaded = new ConcurrentHashMap<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ServingModels models = ServingModels.of(PIPELINE);
    private final ModelSwapper swapper = new ModelSwapper(models, this::load, meters);
    private ExecutorService pool;

    private ServingModel load(ModelPromoted promotion) {
        loads.incrementAndGet();
        if (promotion.artifactUri().contains("missing")) {
            throw new IllegalStateException("no artifact at " + promotion.artifactUri());
        }
        FormulaModel model = new FormulaModel(promotion.modelVersion(), FEATURES, 0.01 * loads.get());
        loaded.put(promotion.modelVersion(), model);
        return model;
    }

    @AfterEach
    void stopReaders() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void readersScoringDuringFiftySwapsNeverSeeAClosedModelAndEveryOldModelIsClosed() throws Exception {
        // Given version 1 serving and eight threads scoring without pause
        ModelSlot slot = models.slot(PIPELINE).orElseThrow();
        assertThat(swapper.apply(promotion("1"))).isEqualTo(SwapOutcome.SWAPPED);
        int readers = 8;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        CountDownLatch started = new CountDownLatch(readers);
        pool = Executors.newFixedThreadPool(readers);
        for (int i = 0; i < readers; i++) {
            pool.submit(() -> {
                started.countDown();
                double[] row = {12.5, 1, 3};
                while (!stop.get()) {
                    try (ModelLease lease = slot.acquire().orElseThrow()) {
                        lease.model().score(row);
                        reads.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        started.await(10, TimeUnit.SECONDS);

        // When the model is swapped 50 times, each new one scored by the readers before the next swap
        long swapStart = System.nanoTime();
        for (int version = 2; version <= 51; version++) {
            String v = Integer.toString(version);
            assertThat(swapper.apply(promotion(v))).isEqualTo(SwapOutcome.SWAPPED);
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> loaded.get(v).scores() > 1 + readers);
        }
        long swapMillis = (System.nanoTime() - swapStart) / 1_000_000;
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        // Then no read failed, no model was used after its close, and all but the serving one are closed
        assertThat(failures.get()).isZero();
        assertThat(loaded.values()).allSatisfy(model -> assertThat(model.callsWhileClosed()).isZero());
        List<FormulaModel> old = new ArrayList<>();
        for (int version = 1; version <= 50; version++) {
            old.add(loaded.get(Integer.toString(version)));
        }
        assertThat(old).allSatisfy(model -> assertThat(model.isClosed()).isTrue());
        assertThat(loaded.get("51").isClosed()).isFalse();
        assertThat(slot.servingVersion()).contains("51");
        assertThat(meters.counter("flywheel_inference_model_swaps", "pipeline", PIPELINE).count()).isEqualTo(51);
        System.out.printf("swap test: %d reader threads, 50 swaps in %d ms, %d reads, %d failures%n", readers,
                swapMillis, reads.get(), failures.get());

        // And clearing the slot closes the last one
        models.close();
        assertThat(loaded.get("51").isClosed()).isTrue();
    }

    @Test
    void theOldModelClosesOnlyWhenTheLastRequestHoldingItIsDone() {
        // Given a request holding version 1
        swapper.apply(promotion("1"));
        ModelSlot slot = models.slot(PIPELINE).orElseThrow();
        ModelLease inFlight = slot.acquire().orElseThrow();

        // When version 2 is swapped in
        swapper.apply(promotion("2"));

        // Then new requests get version 2, the held one can still score with 1, which closes on release
        try (ModelLease next = slot.acquire().orElseThrow()) {
            assertThat(next.model().version()).isEqualTo("2");
        }
        assertThat(inFlight.model().score(new double[] {1, 0, 2})).isBetween(0.0, 1.0);
        assertThat(loaded.get("1").isClosed()).isFalse();
        inFlight.close();
        assertThat(loaded.get("1").isClosed()).isTrue();
        inFlight.close();
        assertThat(loaded.get("2").isClosed()).isFalse();
    }

    @Test
    void theNewModelIsLoadedAndWarmedUpBeforeItServes() {
        // Given version 1 serving
        swapper.apply(promotion("1"));

        // When version 2 is promoted
        swapper.apply(promotion("2"));

        // Then it has scored once (the warm-up) before any request reached it
        assertThat(loaded.get("2").scores()).isEqualTo(1);
    }

    @Test
    void aModelThatFailsToLoadLeavesTheOldOneServingAndIsCounted() {
        // Given version 1 serving
        swapper.apply(promotion("1"));
        ModelSlot slot = models.slot(PIPELINE).orElseThrow();

        // When version 2's artifact cannot be loaded
        SwapOutcome outcome = swapper.apply(new ModelPromoted("e-2", 1, PIPELINE, "2", "1", "file:/missing/2", "test",
                Instant.now()));

        // Then version 1 still serves, and the failure is counted and on record
        assertThat(outcome).isEqualTo(SwapOutcome.LOAD_FAILED);
        assertThat(slot.servingVersion()).contains("1");
        assertThat(loaded.get("1").isClosed()).isFalse();
        assertThat(meters.counter("flywheel_inference_model_load_failures", "pipeline", PIPELINE).count()).isEqualTo(1);
        assertThat(slot.lastFailure()).hasValueSatisfying(failure -> {
            assertThat(failure.modelVersion()).isEqualTo("2");
            assertThat(failure.reason()).contains("no artifact at file:/missing/2");
        });
        assertThat(slot.lastPromotion()).hasValueSatisfying(p -> assertThat(p.modelVersion()).isEqualTo("2"));
    }

    @Test
    void aModelWhoseVersionDiffersFromThePromotionOrWhoseWarmUpFailsIsRefusedAndClosed() {
        // Given a loader that returns the wrong version, then a model that scores NaN
        FormulaModel wrongVersion = new FormulaModel("7", FEATURES, 1);
        FormulaModel notANumber = new FormulaModel("3", FEATURES, Double.NaN);
        ModelSwapper wrong = new ModelSwapper(models, promotion -> wrongVersion, meters);
        ModelSwapper nan = new ModelSwapper(models, promotion -> notANumber, meters);

        // When they are promoted, then neither serves and both are closed
        assertThat(wrong.apply(promotion("3"))).isEqualTo(SwapOutcome.LOAD_FAILED);
        assertThat(nan.apply(promotion("3"))).isEqualTo(SwapOutcome.LOAD_FAILED);
        assertThat(models.slot(PIPELINE).orElseThrow().servingVersion()).isEmpty();
        assertThat(wrongVersion.isClosed()).isTrue();
        assertThat(notANumber.isClosed()).isTrue();
        assertThat(models.slot(PIPELINE).orElseThrow().lastFailure().orElseThrow().reason()).contains("NaN");
    }

    @Test
    void aRedeliveredPromotionOfTheServingVersionIsANoOp() {
        // Given version 1 serving
        swapper.apply(promotion("1"));

        // When the same promotion arrives again
        SwapOutcome outcome = swapper.apply(promotion("1"));

        // Then nothing is loaded and version 1 keeps serving, open
        assertThat(outcome).isEqualTo(SwapOutcome.ALREADY_SERVING);
        assertThat(loads.get()).isEqualTo(1);
        assertThat(loaded.get("1").isClosed()).isFalse();
        assertThat(meters.counter("flywheel_inference_model_swaps", "pipeline", PIPELINE).count()).isEqualTo(1);
    }

    @Test
    void ofSeveralPromotionsReadTogetherTheNewestLoadableOneServes() {
        // Given promotions of 1, 2 and 3 read in one poll, where 3 cannot be loaded
        List<ModelPromoted> poll = List.of(promotion("1"), promotion("2"),
                new ModelPromoted("e-3", 1, PIPELINE, "3", "2", "file:/missing/3", "test", Instant.now()));

        // When they are applied
        SwapOutcome outcome = swapper.applyNewest(poll);

        // Then 2 serves (as if applied one by one), 1 was never loaded, and 3's failure is on record
        ModelSlot slot = models.slot(PIPELINE).orElseThrow();
        assertThat(outcome).isEqualTo(SwapOutcome.SWAPPED);
        assertThat(slot.servingVersion()).contains("2");
        assertThat(loaded).doesNotContainKey("1");
        assertThat(slot.lastFailure().orElseThrow().modelVersion()).isEqualTo("3");
        assertThat(slot.lastPromotion().orElseThrow().modelVersion()).isEqualTo("3");
    }

    @Test
    void promotionsOfPipelinesThisServiceDoesNotRunAreIgnored() {
        SwapOutcome outcome = swapper.apply(new ModelPromoted("e", 1, "other", "1", null, "file:/x", "test",
                Instant.now()));

        assertThat(outcome).isEqualTo(SwapOutcome.UNKNOWN_PIPELINE);
        assertThat(loads.get()).isZero();
    }

    @Test
    void aChallengerLoadsBesideTheServingModelWithoutTouchingIt() {
        // Given version 1 serving
        swapper.apply(promotion("1"));

        // When version 2 is set as challenger, and then a challenger whose artifact is missing
        SwapOutcome set = swapper.applyChallenger(promotion("2"));
        SwapOutcome missing = swapper.applyChallenger(new ModelPromoted("e-3", ModelPromoted.SCHEMA_VERSION, PIPELINE,
                "3", null, "file:/missing/3", "test", Instant.now()));

        // Then 1 still serves, 2 is the challenger (the failed one did not replace it), and the meters say so
        assertThat(set).isEqualTo(SwapOutcome.SWAPPED);
        assertThat(missing).isEqualTo(SwapOutcome.LOAD_FAILED);
        assertThat(models.slot(PIPELINE).orElseThrow().servingVersion()).contains("1");
        assertThat(models.challenger(PIPELINE).orElseThrow().servingVersion()).contains("2");
        assertThat(models.challenger(PIPELINE).orElseThrow().lastFailure().orElseThrow().modelVersion()).isEqualTo("3");
        assertThat(meters.counter("flywheel_inference_model_swaps", "pipeline", PIPELINE).count()).isEqualTo(1);
        assertThat(meters.counter("flywheel_inference_shadow_model_loads", "pipeline", PIPELINE, "outcome", "failed")
                .count()).isEqualTo(1);
        assertThat(meters.find("flywheel_inference_model_load_failures").counter()).isNull();
    }

    private static ModelPromoted promotion(String version) {
        return new ModelPromoted("e-" + version, ModelPromoted.SCHEMA_VERSION, PIPELINE, version, null,
                "file:/registry/" + PIPELINE + "/" + version, "test", Instant.now());
    }
}
