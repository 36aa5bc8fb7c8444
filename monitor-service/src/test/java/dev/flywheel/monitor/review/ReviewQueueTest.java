package dev.flywheel.monitor.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.event.PredictionMade;

/** The queue keeps each day's highest scores within its bounds, one per event, and learns labels from outcomes. */
class ReviewQueueTest {

    private static final String PIPELINE = "card-fraud";

    @Test
    void aDayKeepsOnlyItsCapacityOfHighestScoresOnePerEventHighestFirst() {
        // Given a queue of 3 per day
        ReviewQueue queue = new ReviewQueue(3, 2);

        // When 100 predictions of one day arrive, one event twice (stream and HTTP), plus a shadow one and one
        // without an event id, both scoring higher than all
        for (int i = 0; i < 100; i++) {
            queue.onPrediction(prediction("e" + i, i / 100.0, "2018-04-02T10:00:00Z", false));
        }
        queue.onPrediction(prediction("e50", 0.995, "2018-04-02T11:00:00Z", false));
        queue.onPrediction(prediction("e99", 0.10, "2018-04-02T11:00:00Z", false));
        queue.onPrediction(prediction("shadowed", 1.0, "2018-04-02T11:00:00Z", true));
        queue.onPrediction(new PredictionMade("p-anon", 1, PIPELINE, null, "1", 1.0, true, Map.of(),
                Instant.parse("2018-04-02T11:00:00Z"), Instant.now(), 5));

        // Then the three highest, each event once at its higher score, highest first
        ReviewQueue.ReviewPage page = queue.page(PIPELINE, Optional.empty(), 10);
        assertThat(page.day()).isEqualTo(LocalDate.parse("2018-04-02"));
        assertThat(page.items()).extracting(ReviewItem::eventId).containsExactly("e50", "e99", "e98");
        assertThat(page.items()).extracting(ReviewItem::score).containsExactly(0.995, 0.99, 0.98);
        assertThat(page.items().get(0).features()).containsEntry("tx_amount", 0.995);
        assertThat(queue.page(PIPELINE, Optional.empty(), 2).items()).hasSize(2);
    }

    @Test
    void onlyTheLatestDaysAreKeptAndAnOutcomeLabelsItsItem() {
        // Given a queue of two days
        ReviewQueue queue = new ReviewQueue(5, 2);

        // When predictions of three days arrive, then one late for the first day, and a label of a kept event
        queue.onPrediction(prediction("d1", 0.9, "2018-04-01T10:00:00Z", false));
        queue.onPrediction(prediction("d2", 0.8, "2018-04-02T10:00:00Z", false));
        queue.onPrediction(prediction("d3", 0.7, "2018-04-03T10:00:00Z", false));
        queue.onPrediction(prediction("late", 0.99, "2018-04-01T12:00:00Z", false));
        queue.onOutcome(new OutcomeObserved("o1", 1, PIPELINE, "p-d3", "d3", "1", 0.7, true, 1.0,
                Instant.parse("2018-04-03T10:00:00Z"), Instant.now(), Instant.now()));

        // Then the newest two days are there, newest first, the newest shown by default, with its label
        ReviewQueue.ReviewPage newest = queue.page(PIPELINE, Optional.empty(), 10);
        assertThat(newest.days()).containsExactly(LocalDate.parse("2018-04-03"), LocalDate.parse("2018-04-02"));
        assertThat(newest.items()).singleElement().satisfies(item -> {
            assertThat(item.eventId()).isEqualTo("d3");
            assertThat(item.label()).isEqualTo(1.0);
        });
        assertThat(queue.page(PIPELINE, Optional.of(LocalDate.parse("2018-04-02")), 10).items())
                .extracting(ReviewItem::eventId, ReviewItem::label).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("d2", null));
        assertThat(queue.page(PIPELINE, Optional.of(LocalDate.parse("2018-04-01")), 10).items()).isEmpty();
        assertThat(queue.page("other", Optional.empty(), 10).items()).isEmpty();
    }

    private static PredictionMade prediction(String eventId, double score, String eventTime, boolean shadow) {
        return new PredictionMade("p-" + eventId, 1, PIPELINE, eventId, "1", score, score >= 0.5,
                Map.of("tx_amount", score), Instant.parse(eventTime), Instant.now(), 5, shadow);
    }
}
