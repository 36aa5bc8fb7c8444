package dev.flywheel.monitor.reconcile;

import java.time.Instant;
import java.util.Map;

/**
 * A pipeline's topics counted by event id at one moment: what came in, what ingest accepted and rejected, and
 * what each later stage made of the accepted events.
 *
 * @param rawEvents         records on {@code flywheel.<p>.events.raw} (Kafka producers; HTTP bodies never pass
 *                          there, their count is ingest's {@code flywheel_ingest_records_total})
 * @param events            accepted events ({@code .events}, by {@code eventId}): each id once
 * @param rejectedEvents    refused events ({@code .rejected} with kind {@code event})
 * @param labels            labels ({@code .labels}, by {@code targetEventId})
 * @param features          feature vectors ({@code .features}, by {@code sourceEventId}); {@code missing}:
 *                          accepted events without a vector
 * @param predictions       the served model's predictions ({@code .predictions}, not shadow, by
 *                          {@code sourceEventId}); {@code missing}: vectors without a prediction (those computed
 *                          while no model was served are expected there)
 * @param shadowPredictions predictions of a shadow challenger, not counted above
 * @param outcomes          outcomes ({@code .outcomes}, by {@code predictionId}: a duplicate is an outcome counted
 *                          twice); {@code missing}: none compared
 * @param balanced          no duplicate on any stream and no accepted event without its vector
 * @param truncated         a topic held more than {@code flywheel.monitor.reconcile.max-records}; counts are partial
 * @param eventIds          per requested event id: how many records each stream holds about it
 */
public record Reconciliation(String pipeline, Instant readAt, long readMillis, long rawEvents, StreamCount events,
                             long rejectedEvents, StreamCount labels, StreamCount features, StreamCount predictions,
                             long shadowPredictions, StreamCount outcomes, boolean balanced, boolean truncated,
                             Map<String, IdCounts> eventIds) {

    /** Records about one event id on each stream; {@code events} 1 and the others at most 1 is the promise. */
    public record IdCounts(int events, int features, int predictions, int outcomes, int labels) {
    }
}
