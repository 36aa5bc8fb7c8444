package dev.flywheel.monitor.review;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code capacity} highest-scored predictions of one day, one per event (an event scored twice, by the stream
 * and over HTTP, keeps its higher score). Memory is bounded by the capacity whatever the day's volume: a prediction
 * lower than the lowest kept is dropped at once. Not thread-safe; {@link ReviewQueue} guards it.
 */
final class DayTop {

    private static final Comparator<ReviewItem> HIGHEST_FIRST = Comparator.comparingDouble(ReviewItem::score)
            .reversed().thenComparing(ReviewItem::eventId);

    private final int capacity;
    private final TreeSet<ReviewItem> ranked = new TreeSet<>(HIGHEST_FIRST);
    private final Map<String, ReviewItem> byEvent = new HashMap<>();

    DayTop(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("review capacity must be at least 1 but was " + capacity);
        }
        this.capacity = capacity;
    }

    void offer(ReviewItem item) {
        ReviewItem kept = byEvent.get(item.eventId());
        if (kept != null) {
            if (item.score() <= kept.score()) {
                return;
            }
            remove(kept);
            if (kept.label() != null && item.label() == null) {
                item = item.withLabel(kept.label());
            }
        } else if (ranked.size() >= capacity) {
            ReviewItem lowest = ranked.last();
            if (HIGHEST_FIRST.compare(item, lowest) >= 0) {
                return;
            }
            remove(lowest);
        }
        ranked.add(item);
        byEvent.put(item.eventId(), item);
    }

    /** Records the label of an event kept here; false when the event is not among the kept. */
    boolean label(String eventId, double label) {
        ReviewItem kept = byEvent.get(eventId);
        if (kept == null) {
            return false;
        }
        remove(kept);
        ReviewItem labelled = kept.withLabel(label);
        ranked.add(labelled);
        byEvent.put(eventId, labelled);
        return true;
    }

    List<ReviewItem> top(int k) {
        return ranked.stream().limit(k).toList();
    }

    int size() {
        return ranked.size();
    }

    private void remove(ReviewItem item) {
        ranked.remove(item);
        byEvent.remove(item.eventId());
    }
}
