package dev.flywheel.inference.messaging;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.runtime.LogContext;
import dev.flywheel.runtime.TopicPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Logs every prediction as {@link PredictionMade} on {@code flywheel.<pipeline>.predictions}, keyed by the
 * event it was made for (so it joins that event's label without repartitioning), or by the prediction id
 * when the caller named no event.
 *
 * <p>Sending never blocks the caller and never fails it: records are handed to one sending thread
 * ({@code prediction-log}), because Kafka's {@code send()} itself can block (the first record of a topic
 * waits for its metadata; a full buffer while the broker is away waits up to {@code max.block.ms}), and the
 * single-row HTTP path runs on the event loop. The returned stage completes when the broker has acknowledged,
 * or when the send failed or was dropped (the queue of {@value #QUEUE} records was full), which is logged and
 * counted ({@code flywheel_inference_predictions_published{outcome="failed"}}). HTTP answers do not wait for
 * it. The stream scorer does not come through here: it writes its predictions in its own Kafka transaction
 * ({@link StreamScoringLoop}). At shutdown the queue is sent before the producer closes (bounded wait).
 */
@Singleton
public class PredictionLog {

    private static final Logger LOG = Logger.getLogger(PredictionLog.class);
    /** While the broker is down every send fails; one log line per this period is enough. */
    private static final long FAILURE_LOG_PERIOD_NANOS = 10_000_000_000L;
    static final int QUEUE = 100_000;

    private final TopicPublisher publisher;
    private final MeterRegistry meters;
    private final AtomicLong lastFailureLogged = new AtomicLong(System.nanoTime() - FAILURE_LOG_PERIOD_NANOS);
    /** Topic descriptors (with their serdes) and counters are built once per pipeline, not per record. */
    private final Map<String, Topic<String, PredictionMade>> topics = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), runnable -> {
                Thread thread = new Thread(runnable, "prediction-log");
                thread.setDaemon(true);
                return thread;
            });

    public PredictionLog(TopicPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    public CompletionStage<Void> publish(PredictionMade prediction) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            sender.execute(() -> send(prediction, done));
        } catch (RejectedExecutionException full) {
            failed(prediction, new IllegalStateException("the prediction log's queue (" + QUEUE
                    + " records) is full: the broker is not keeping up or is away"));
            done.complete(null);
        }
        return done;
    }

    /** The key of a logged prediction: the event it was made for, else its own id. */
    static String keyOf(PredictionMade prediction) {
        return prediction.sourceEventId() != null ? prediction.sourceEventId() : prediction.eventId();
    }

    private void send(PredictionMade prediction, CompletableFuture<Void> done) {
        try {
            publisher.publish(topic(prediction.pipeline()), keyOf(prediction), prediction).whenComplete((ack, error) -> {
                if (error == null) {
                    counter(prediction.pipeline(), "ok").increment();
                } else {
                    failed(prediction, error);
                }
                done.complete(null);
            });
        } catch (RuntimeException error) {
            // send() itself throws on serialisation errors or a full buffer that did not drain in max.block.ms.
            failed(prediction, error);
            done.complete(null);
        }
    }

    private Topic<String, PredictionMade> topic(String pipeline) {
        return topics.computeIfAbsent(pipeline, Topics::predictions);
    }

    private void failed(PredictionMade prediction, Throwable error) {
        counter(prediction.pipeline(), "failed").increment();
        long now = System.nanoTime();
        long last = lastFailureLogged.get();
        if (now - last >= FAILURE_LOG_PERIOD_NANOS && lastFailureLogged.compareAndSet(last, now)) {
            try (LogContext ignored = LogContext.of(LogContext.PIPELINE, prediction.pipeline(),
                    LogContext.MODEL_VERSION, prediction.modelVersion(), LogContext.EVENT_ID, prediction.sourceEventId(),
                    LogContext.PREDICTION_ID, prediction.eventId())) {
                LOG.warnf(error, "prediction %s of pipeline %s could not be logged to %s (the caller got its answer; "
                                + "see flywheel_inference_predictions_published{outcome=\"failed\"} for how many since)",
                        prediction.eventId(), prediction.pipeline(), Topics.predictions(prediction.pipeline()).name());
            }
        }
    }

    private Counter counter(String pipeline, String outcome) {
        return counters.computeIfAbsent(pipeline + "/" + outcome, key -> meters.counter(
                "flywheel_inference_predictions_published", "pipeline", pipeline, "outcome", outcome));
    }

    /** Sends what is queued (the producer then flushes it when it closes); bounded, since the broker may be gone. */
    @PreDestroy
    void drain() throws InterruptedException {
        sender.shutdown();
        if (!sender.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warnf("%d predictions were still queued for the log at shutdown and are dropped",
                    sender.getQueue().size());
            sender.shutdownNow();
        }
    }
}
