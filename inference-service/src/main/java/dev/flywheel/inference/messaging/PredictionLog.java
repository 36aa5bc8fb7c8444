package dev.flywheel.inference.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.runtime.TopicPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Logs every prediction as {@link PredictionMade} on {@code flywheel.<pipeline>.predictions}, keyed by the
 * event it was made for (so it joins that event's label without repartitioning), or by the prediction id
 * when the caller named no event.
 *
 * <p>Sending never blocks on the broker and never fails the caller: the returned stage completes when the
 * broker has acknowledged, or when the send failed, which is logged and counted
 * ({@code flywheel_inference_predictions_published{outcome="failed"}}). HTTP answers do not wait for it;
 * the stream scorer does, so that it commits its input only after its predictions are stored.
 */
@Singleton
public class PredictionLog {

    private static final Logger LOG = Logger.getLogger(PredictionLog.class);
    /** While the broker is down every send fails; one log line per this period is enough. */
    private static final long FAILURE_LOG_PERIOD_NANOS = 10_000_000_000L;

    private final TopicPublisher publisher;
    private final MeterRegistry meters;
    private final AtomicLong lastFailureLogged = new AtomicLong(System.nanoTime() - FAILURE_LOG_PERIOD_NANOS);

    public PredictionLog(TopicPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    public CompletionStage<Void> publish(PredictionMade prediction) {
        String key = prediction.sourceEventId() != null ? prediction.sourceEventId() : prediction.eventId();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            publisher.publish(Topics.predictions(prediction.pipeline()), key, prediction).whenComplete((ack, error) -> {
                if (error == null) {
                    counter(prediction, "ok").increment();
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
        return done;
    }

    private void failed(PredictionMade prediction, Throwable error) {
        counter(prediction, "failed").increment();
        long now = System.nanoTime();
        long last = lastFailureLogged.get();
        if (now - last >= FAILURE_LOG_PERIOD_NANOS && lastFailureLogged.compareAndSet(last, now)) {
            LOG.warnf(error, "prediction %s of pipeline %s could not be logged to %s (the caller got its answer; "
                            + "see flywheel_inference_predictions_published{outcome=\"failed\"} for how many since)",
                    prediction.eventId(), prediction.pipeline(), Topics.predictions(prediction.pipeline()).name());
        }
    }

    private Counter counter(PredictionMade prediction, String outcome) {
        return meters.counter("flywheel_inference_predictions_published", "pipeline", prediction.pipeline(),
                "outcome", outcome);
    }
}
