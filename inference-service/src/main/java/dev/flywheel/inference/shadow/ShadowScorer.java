package dev.flywheel.inference.shadow;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.inference.messaging.PredictionLog;
import dev.flywheel.inference.model.FeatureVector;
import dev.flywheel.inference.model.ModelLease;
import dev.flywheel.inference.model.ModelSlot;
import dev.flywheel.inference.model.ServingModels;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Scores, off the request path, the rows the serving model just answered with the pipeline's challenger (if
 * one is assigned), and logs each as a {@link PredictionMade} with {@code shadow = true} on the same
 * predictions topic, keyed by the same event. Callers never see these scores.
 *
 * <p>One background thread and a bounded queue ({@value #QUEUE} batches): shadow work never delays an answer,
 * and when the challenger cannot keep up, batches are dropped and counted rather than queued without end.
 * The challenger reads each row by feature name, so it may use other features than the serving model, as
 * long as the row has them.
 *
 * <p>Meters: {@code flywheel_inference_shadow_predictions{pipeline, model_version}},
 * {@code flywheel_inference_shadow_skipped{pipeline, reason}} ({@code queue_full}, {@code missing_features},
 * {@code scoring_failed}).
 */
@Singleton
public class ShadowScorer {

    private static final Logger LOG = Logger.getLogger(ShadowScorer.class);
    static final int QUEUE = 1_000;

    /** One row the serving model answered: its prediction id, what it saw, and the event it was for. */
    public record Row(String predictionId, FeatureVector vector, String sourceEventId, Instant eventTime) {
    }

    private final ServingModels models;
    private final PredictionLog log;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final ThreadPoolExecutor executor;

    public ShadowScorer(ServingModels models, PredictionLog log, MeterRegistry meters) {
        this.models = models;
        this.log = log;
        this.meters = meters;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
            Thread thread = new Thread(runnable, "shadow-scorer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Whether a challenger other than {@code servingVersion} is loaded for the pipeline: cheap, on every request. */
    public boolean active(String pipeline, String servingVersion) {
        return models.challenger(pipeline).flatMap(ModelSlot::servingVersion)
                .filter(version -> !version.equals(servingVersion)).isPresent();
    }

    /** Queues the rows for the challenger; returns at once. */
    public void submit(PipelineSpec spec, String servingVersion, List<Row> rows) {
        if (!active(spec.name(), servingVersion)) {
            return;
        }
        try {
            executor.execute(() -> score(spec, servingVersion, rows));
        } catch (RejectedExecutionException full) {
            skipped(spec.name(), "queue_full", rows.size());
        }
    }

    private void score(PipelineSpec spec, String servingVersion, List<Row> rows) {
        Optional<ModelLease> leased = models.challenger(spec.name()).flatMap(ModelSlot::acquire);
        if (leased.isEmpty()) {
            return;
        }
        try (ModelLease lease = leased.get()) {
            String version = lease.model().version();
            if (version.equals(servingVersion)) {
                return;
            }
            long started = System.nanoTime();
            List<String> names = lease.model().featureNames();
            List<Row> scored = new ArrayList<>(rows.size());
            List<double[]> inputs = new ArrayList<>(rows.size());
            for (Row row : rows) {
                FeatureVector.Reading reading = FeatureVector.fromNumbers(row.vector().named(), names);
                if (reading.valid()) {
                    scored.add(row);
                    inputs.add(reading.vector().values());
                } else {
                    skipped(spec.name(), "missing_features", 1);
                }
            }
            if (scored.isEmpty()) {
                return;
            }
            double[] scores = inputs.size() == 1 ? new double[] {lease.model().score(inputs.get(0))}
                    : lease.model().scoreBatch(inputs.toArray(double[][]::new));
            long micros = (System.nanoTime() - started) / 1_000 / scored.size();
            Instant now = clock.instant();
            boolean binary = spec.model().task() == ModelTask.BINARY_CLASSIFICATION;
            for (int i = 0; i < scored.size(); i++) {
                Row row = scored.get(i);
                log.publish(new PredictionMade(shadowId(row.predictionId(), version), PredictionMade.SCHEMA_VERSION,
                        spec.name(), row.sourceEventId(), version, scores[i],
                        binary && scores[i] >= lease.model().threshold(), row.vector().named(),
                        row.eventTime() != null ? row.eventTime() : now, now, micros, true));
            }
            meters.counter("flywheel_inference_shadow_predictions", "pipeline", spec.name(), "model_version", version)
                    .increment(scored.size());
        } catch (RuntimeException e) {
            skipped(spec.name(), "scoring_failed", rows.size());
            LOG.warnf(e, "the challenger of pipeline %s failed to score %d rows in shadow", spec.name(), rows.size());
        }
    }

    /** Derived from the serving prediction's id, so a shadow prediction can be told to be its twin. */
    private static String shadowId(String predictionId, String version) {
        return UUID.nameUUIDFromBytes((predictionId + "|shadow|" + version).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void skipped(String pipeline, String reason, int count) {
        meters.counter("flywheel_inference_shadow_skipped", "pipeline", pipeline, "reason", reason).increment(count);
    }

    /** Lets queued shadow work finish (bounded), so its predictions reach the log before the producer closes. */
    @PreDestroy
    void drain() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warnf("%d shadow batches were still queued at shutdown and are dropped", executor.getQueue().size());
            executor.shutdownNow();
        }
    }
}
