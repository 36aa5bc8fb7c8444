package dev.flywheel.monitor.review;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.monitor.config.MonitorConfig;

/**
 * The review queue of every pipeline: consumes the served predictions the monitor feed reads
 * ({@link PredictionMade}, not shadow, naming the event they scored) and keeps, per day of event time (UTC), the
 * {@code review.capacity} highest-scored ones; produces the top k of a day for an analyst, each with its features,
 * and marks an item labelled when its outcome arrives ({@link OutcomeObserved}). Only the latest
 * {@code review.days} days are kept, so memory is bounded by pipelines × days × capacity.
 *
 * <p>A prediction without an event id is left out: a label names an event, so it could never be labelled.
 */
@Singleton
public class ReviewQueue {

    private final int capacity;
    private final int days;
    private final Map<String, TreeMap<LocalDate, DayTop>> pipelines = new HashMap<>();

    @Inject
    public ReviewQueue(MonitorConfig config) {
        this(config.review().capacity(), config.review().days());
    }

    ReviewQueue(int capacity, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("review days must be at least 1 but was " + days);
        }
        this.capacity = capacity;
        this.days = days;
    }

    /** One page of the queue: the day shown, the days there are (newest first) and the day's top items. */
    public record ReviewPage(String pipeline, LocalDate day, List<LocalDate> days, int capacity,
                             List<ReviewItem> items) {
    }

    public synchronized void onPrediction(PredictionMade prediction) {
        if (prediction.shadow() || prediction.sourceEventId() == null || prediction.pipeline() == null) {
            return;
        }
        Instant time = prediction.eventTime() != null ? prediction.eventTime() : prediction.predictedAt();
        if (time == null) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(time, ZoneOffset.UTC);
        TreeMap<LocalDate, DayTop> byDay = pipelines.computeIfAbsent(prediction.pipeline(), p -> new TreeMap<>());
        if (byDay.size() >= days && day.isBefore(byDay.firstKey())) {
            return;
        }
        byDay.computeIfAbsent(day, d -> new DayTop(capacity)).offer(new ReviewItem(prediction.eventId(),
                prediction.sourceEventId(), prediction.modelVersion(), prediction.score(), prediction.decision(),
                prediction.eventTime(), prediction.predictedAt(),
                prediction.features() == null ? Map.of() : prediction.features(), null));
        while (byDay.size() > days) {
            byDay.pollFirstEntry();
        }
    }

    public synchronized void onOutcome(OutcomeObserved outcome) {
        TreeMap<LocalDate, DayTop> byDay = pipelines.get(outcome.pipeline());
        if (byDay == null || outcome.sourceEventId() == null) {
            return;
        }
        if (outcome.eventTime() != null) {
            DayTop top = byDay.get(LocalDate.ofInstant(outcome.eventTime(), ZoneOffset.UTC));
            if (top != null && top.label(outcome.sourceEventId(), outcome.label())) {
                return;
            }
        }
        // The prediction's event time may be absent from the outcome: look in every kept day.
        byDay.values().forEach(top -> top.label(outcome.sourceEventId(), outcome.label()));
    }

    /** The top {@code k} of {@code day}, or of the newest day kept when none is asked for. */
    public synchronized ReviewPage page(String pipeline, Optional<LocalDate> day, int k) {
        TreeMap<LocalDate, DayTop> byDay = pipelines.getOrDefault(pipeline, new TreeMap<>());
        List<LocalDate> known = List.copyOf(byDay.descendingKeySet());
        LocalDate shown = day.orElse(byDay.isEmpty() ? null : byDay.lastKey());
        DayTop top = shown == null ? null : byDay.get(shown);
        return new ReviewPage(pipeline, shown, known, capacity, top == null ? List.of() : top.top(k));
    }
}
