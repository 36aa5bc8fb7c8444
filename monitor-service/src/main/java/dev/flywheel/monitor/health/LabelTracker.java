package dev.flywheel.monitor.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.event.PredictionMade;

/**
 * How labels keep up with each (pipeline, version)'s predictions, from what the feed reads: predictions and
 * outcomes counted, the latest event times of each, and the delay of labels (label time − event time, on the
 * events' clock). Fed by the one feed thread; read by the health endpoint.
 */
@Singleton
public class LabelTracker {

    /**
     * @param predictions        predictions of the version read since start (the latest data window only at start)
     * @param outcomes           outcomes (labelled predictions) read since start (the quality lookback at start)
     * @param coverage           outcomes / predictions, at most 1; null before a prediction
     * @param lag                latest prediction event time − latest labelled event time: how far labels trail
     * @param meanLabelDelay     mean of label time − event time over the outcomes read
     * @param lastLabelDelay     that delay for the latest outcome
     */
    public record Labels(long predictions, long outcomes, Double coverage, Instant lastPredictionEventTime,
                         Instant lastLabelledEventTime, Duration lag, Duration meanLabelDelay, Duration lastLabelDelay) {
    }

    private static final class Counts {
        long predictions;
        long outcomes;
        long lastPrediction = Long.MIN_VALUE;
        long lastLabelled = Long.MIN_VALUE;
        double delaySumMillis;
        long delays;
        long lastDelayMillis = -1;
    }

    private final Map<String, Counts> counts = new ConcurrentHashMap<>();

    public void onPrediction(PredictionMade prediction) {
        Counts c = counts.computeIfAbsent(key(prediction.pipeline(), prediction.modelVersion()), k -> new Counts());
        synchronized (c) {
            c.predictions++;
            if (prediction.eventTime() != null) {
                c.lastPrediction = Math.max(c.lastPrediction, prediction.eventTime().toEpochMilli());
            }
        }
    }

    public void onOutcome(OutcomeObserved outcome) {
        Counts c = counts.computeIfAbsent(key(outcome.pipeline(), outcome.modelVersion()), k -> new Counts());
        synchronized (c) {
            c.outcomes++;
            if (outcome.eventTime() != null) {
                c.lastLabelled = Math.max(c.lastLabelled, outcome.eventTime().toEpochMilli());
                if (outcome.labelTime() != null) {
                    long delay = Math.max(0, outcome.labelTime().toEpochMilli() - outcome.eventTime().toEpochMilli());
                    c.delaySumMillis += delay;
                    c.delays++;
                    c.lastDelayMillis = delay;
                }
            }
        }
    }

    public Optional<Labels> labels(String pipeline, String version) {
        Counts c = counts.get(key(pipeline, version));
        if (c == null) {
            return Optional.empty();
        }
        synchronized (c) {
            Instant lastPrediction = c.lastPrediction == Long.MIN_VALUE ? null : Instant.ofEpochMilli(c.lastPrediction);
            Instant lastLabelled = c.lastLabelled == Long.MIN_VALUE ? null : Instant.ofEpochMilli(c.lastLabelled);
            return Optional.of(new Labels(c.predictions, c.outcomes,
                    c.predictions == 0 ? null : Math.min(1.0, (double) c.outcomes / c.predictions), lastPrediction,
                    lastLabelled, lastPrediction == null || lastLabelled == null ? null
                            : Duration.between(lastLabelled, lastPrediction).abs(),
                    c.delays == 0 ? null : Duration.ofMillis(Math.round(c.delaySumMillis / c.delays)),
                    c.lastDelayMillis < 0 ? null : Duration.ofMillis(c.lastDelayMillis)));
        }
    }

    private static String key(String pipeline, String version) {
        return pipeline + '\u0000' + version;
    }
}
