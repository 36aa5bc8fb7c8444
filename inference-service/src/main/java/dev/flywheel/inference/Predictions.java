package dev.flywheel.inference;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.inference.messaging.PredictionLog;
import dev.flywheel.inference.model.FeatureVector;
import dev.flywheel.inference.model.ModelLease;
import dev.flywheel.inference.model.ServingModel;
import dev.flywheel.inference.shadow.ShadowScorer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Scores feature rows with a leased model, turns the scores into decisions, and logs each prediction as
 * {@link PredictionMade}. HTTP and the feature stream both come through here, so both are timed and counted
 * alike; HTTP predictions are logged through {@link PredictionLog} ({@link #predict}), the stream's by the stream
 * scorer inside its Kafka transaction ({@link #decide}). When the pipeline has a challenger, the same rows go to {@link ShadowScorer} after the
 * decisions are made.
 *
 * <p>Meters: {@code flywheel_inference_latency} (a timer with p50/p95/p99 and a histogram, one sample per
 * call: a single prediction, an HTTP batch, or a batch of the stream; tags {@code pipeline}, {@code mode})
 * and {@code flywheel_inference_predictions} (per prediction; tags {@code pipeline}, {@code model_version},
 * {@code mode}).
 */
@Singleton
public class Predictions {

    /** Where a prediction was asked for. */
    public enum Mode {
        SINGLE("single"), BATCH("batch"), STREAM("stream");

        private final String tag;

        Mode(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /**
     * One row to score.
     *
     * @param sourceEventId the event predicted on, if known; the key of the logged prediction
     * @param eventTime     when that event happened, if known
     */
    public record Query(String predictionId, FeatureVector vector, String sourceEventId, Instant eventTime) {
    }

    /** The predictions made, in the order of the queries; each has been handed to the prediction log. */
    public record Scored(List<PredictionMade> predictions) {
    }

    private final PredictionLog log;
    private final ShadowScorer shadow;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    /** Meters are looked up per call with keys that allocate nothing (no string concatenation, no tag sorting). */
    private record MeterKey(String pipeline, String version, Mode mode) {
    }

    private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();

    public Predictions(PredictionLog log, ShadowScorer shadow, MeterRegistry meters) {
        this.log = log;
        this.shadow = shadow;
        this.meters = meters;
    }

    /**
     * Scores, decides, and logs each prediction on the predictions topic without waiting for the broker.
     *
     * @param startedNanos {@link System#nanoTime()} when the request or batch arrived: the latency is
     *                     measured from there to the decisions, not including the (asynchronous) logging
     */
    public Scored predict(PipelineSpec spec, ModelLease lease, List<Query> queries, Mode mode, long startedNanos) {
        List<PredictionMade> made = decide(spec, lease, queries, mode, startedNanos);
        for (PredictionMade prediction : made) {
            log.publish(prediction);
        }
        return new Scored(made);
    }

    /**
     * Scores single-row requests gathered into one model call ({@code MicroBatcher}) and logs each prediction:
     * each is timed from its own request's arrival ({@code mode=single}, one sample per row), as if scored alone.
     *
     * @param startedNanos per query, {@link System#nanoTime()} when its request arrived
     */
    public List<PredictionMade> predictGathered(PipelineSpec spec, ModelLease lease, List<Query> queries,
                                                long[] startedNanos) {
        ServingModel model = lease.model();
        double[] scores = scores(model, queries);
        long now = System.nanoTime();
        Timer timer = timer(spec.name(), Mode.SINGLE);
        long[] micros = new long[queries.size()];
        for (int i = 0; i < micros.length; i++) {
            long elapsed = now - startedNanos[i];
            timer.record(elapsed, TimeUnit.NANOSECONDS);
            micros[i] = elapsed / 1_000;
        }
        predictionCounter(spec.name(), model.version(), Mode.SINGLE).increment(queries.size());
        List<PredictionMade> made = made(spec, model, queries, scores, micros);
        for (PredictionMade prediction : made) {
            log.publish(prediction);
        }
        return made;
    }

    /**
     * Scores and decides, timed, counted and shadowed like {@link #predict}, but leaves the predictions to the
     * caller to publish: the stream scorer writes them in its own Kafka transaction.
     */
    public List<PredictionMade> decide(PipelineSpec spec, ModelLease lease, List<Query> queries, Mode mode,
                                       long startedNanos) {
        ServingModel model = lease.model();
        double[] scores = scores(model, queries);
        long elapsed = System.nanoTime() - startedNanos;
        timer(spec.name(), mode).record(elapsed, TimeUnit.NANOSECONDS);
        predictionCounter(spec.name(), model.version(), mode).increment(queries.size());

        // A batch's time is shared by its rows: the cost of one prediction within it.
        long[] micros = new long[queries.size()];
        Arrays.fill(micros, elapsed / 1_000 / Math.max(1, queries.size()));
        return made(spec, model, queries, scores, micros);
    }

    private List<PredictionMade> made(PipelineSpec spec, ServingModel model, List<Query> queries, double[] scores,
                                      long[] micros) {
        Instant now = clock.instant();
        boolean binary = spec.model().task() == ModelTask.BINARY_CLASSIFICATION;
        List<PredictionMade> made = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            Query query = queries.get(i);
            made.add(new PredictionMade(query.predictionId(), PredictionMade.SCHEMA_VERSION,
                    spec.name(), query.sourceEventId(), model.version(), scores[i],
                    binary && scores[i] >= model.threshold(), query.vector().named(),
                    query.eventTime() != null ? query.eventTime() : now, now, micros[i]));
        }
        if (shadow.active(spec.name(), model.version())) {
            List<ShadowScorer.Row> rows = new ArrayList<>(made.size());
            for (int i = 0; i < made.size(); i++) {
                rows.add(new ShadowScorer.Row(made.get(i).eventId(), queries.get(i).vector(),
                        queries.get(i).sourceEventId(), made.get(i).eventTime()));
            }
            shadow.submit(spec, model.version(), rows);
        }
        return List.copyOf(made);
    }

    private static double[] scores(ServingModel model, List<Query> queries) {
        if (queries.size() == 1) {
            return new double[] {model.score(queries.get(0).vector().values())};
        }
        double[][] rows = new double[queries.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = queries.get(i).vector().values();
        }
        return model.scoreBatch(rows);
    }

    private Counter predictionCounter(String pipeline, String version, Mode mode) {
        return counters.computeIfAbsent(new MeterKey(pipeline, version, mode), key -> meters.counter(
                "flywheel_inference_predictions", "pipeline", pipeline, "model_version", version, "mode", mode.tag()));
    }

    private Timer timer(String pipeline, Mode mode) {
        return timers.computeIfAbsent(new MeterKey(pipeline, null, mode), key -> Timer.builder("flywheel_inference_latency")
                .description("Time from request (or stream batch) to decisions, logging excluded")
                .tags("pipeline", pipeline, "mode", mode.tag())
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(meters));
    }
}
