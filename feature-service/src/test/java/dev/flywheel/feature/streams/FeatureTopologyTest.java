package dev.flywheel.feature.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;

/** The feature topology on hand-built events, in a {@code TopologyTestDriver}. */
class FeatureTopologyTest {

    /** Every aggregate kind once; customers without delay, terminals with one. */
    static final PipelineSpec SHOP = PipelineSpecs.parse("shop.yaml", """
            name: shop
            schema:
              id: {type: string, required: true}
              ts: {type: timestamp, required: true}
              customer: {type: string, required: true}
              terminal: {type: string}
              amount: {type: number, required: true}
              channel: {type: string}
              online: {type: boolean}
              fee: {type: number}
            eventId: id
            eventTime: ts
            entities: [customer, terminal]
            label: {name: fraud, type: binary, maxDelay: 7d}
            features:
              - {name: amount, value: amount}
              - {name: weekend, flag: weekend}
              - {name: night, flag: night}
              - {name: terminal_count_1h_after_1h, aggregate: count, by: terminal, window: 1h, delay: 1h}
              - {name: customer_count_1d, aggregate: count, by: customer, window: 1d}
              - {name: customer_sum_1d, aggregate: sum, of: amount, by: customer, window: 1d}
              - {name: customer_avg_1d, aggregate: avg, of: amount, by: customer, window: 1d}
              - {name: customer_min_1d, aggregate: min, of: amount, by: customer, window: 1d}
              - {name: customer_max_1d, aggregate: max, of: amount, by: customer, window: 1d}
              - {name: customer_stddev_1d, aggregate: stddev, of: amount, by: customer, window: 1d}
              - {name: customer_last_online_1d, aggregate: last, of: online, by: customer, window: 1d}
              - {name: customer_since_last_1d, aggregate: time_since_last, by: customer, window: 1d}
              - {name: customer_channels_1d, aggregate: distinct_count, of: channel, by: customer, window: 1d}
              - {name: terminal_since_last_1h_after_1h, aggregate: time_since_last, by: terminal, window: 1h, delay: 1h}
              - {name: terminal_risk_1d, aggregate: label_rate, by: terminal, window: 1d}
              - {name: terminal_frauds_1d, aggregate: label_count, by: terminal, window: 1d}
              - {name: amount_vs_avg, ratio: [amount, customer_avg_1d]}
              - {name: amount_per_fee, ratio: [amount, fee]}
            model:
              task: binary_classification
              candidates:
                - {name: logistic, type: logistic_regression}
            """);

    /** A Saturday, 10:00 UTC. */
    static final Instant T0 = Instant.parse("2024-06-01T10:00:00Z");

    FeatureDriver driver;

    @BeforeEach
    void start() {
        driver = new FeatureDriver(SHOP);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void everyValueAggregateOverOneCustomerIncludesTheCurrentEvent() {
        // Given two earlier payments of customer c1 within the day
        driver.event("e1", T0, Map.of("customer", "c1", "amount", 10.0, "channel", "web", "online", true));
        driver.event("e2", T0.plus(Duration.ofHours(1)), Map.of("customer", "c1", "amount", 30.0, "channel", "pos",
                "online", false));

        // When a third one arrives an hour and a half later
        driver.event("e3", T0.plus(Duration.ofMinutes(150)), Map.of("customer", "c1", "amount", 20.0, "channel", "web",
                "online", true));

        // Then its aggregates cover all three, the current one included
        Map<String, Double> features = driver.vectors().get("e3").features();
        assertThat(features.get("customer_count_1d")).isEqualTo(3.0);
        assertThat(features.get("customer_sum_1d")).isEqualTo(60.0);
        assertThat(features.get("customer_avg_1d")).isEqualTo(20.0);
        assertThat(features.get("customer_min_1d")).isEqualTo(10.0);
        assertThat(features.get("customer_max_1d")).isEqualTo(30.0);
        assertThat(features.get("customer_stddev_1d")).isCloseTo(Math.sqrt(200.0 / 3), within(1e-12));
        assertThat(features.get("customer_last_online_1d")).as("the current event is the latest").isEqualTo(1.0);
        assertThat(features.get("customer_since_last_1d")).as("seconds since e2").isEqualTo(5400.0);
        assertThat(features.get("customer_channels_1d")).isEqualTo(2.0);
        assertThat(features.get("amount_vs_avg")).isEqualTo(1.0);
    }

    @Test
    void valueFlagsAndRatiosComeFromTheEventAlone() {
        // Given a Saturday 06:59:59 UTC payment (night) with a fee, and a Monday noon one with a zero fee
        Instant saturdayNight = Instant.parse("2024-06-01T06:59:59Z");
        Instant mondayNoon = Instant.parse("2024-06-03T12:00:00Z");

        // When both are processed
        driver.event("sat", saturdayNight, Map.of("customer", "c1", "amount", 12.5, "fee", 2.5));
        driver.event("mon", mondayNoon, Map.of("customer", "c2", "amount", 7.0, "fee", 0));

        // Then flags follow the UTC calendar and a zero denominator gives 0
        Map<String, FeaturesComputed> vectors = driver.vectors();
        assertThat(vectors.get("sat").features()).containsEntry("amount", 12.5).containsEntry("weekend", 1.0)
                .containsEntry("night", 1.0).containsEntry("amount_per_fee", 5.0);
        assertThat(vectors.get("mon").features()).containsEntry("amount", 7.0).containsEntry("weekend", 0.0)
                .containsEntry("night", 0.0).containsEntry("amount_per_fee", 0.0);
    }

    @Test
    void anEmptyWindowGivesZeroesAndTimeSinceLastGivesTheWindowReach() {
        // Given nothing earlier at terminal t1

        // When its first payment comes (the delayed window cannot hold the current event)
        driver.event("e1", T0, Map.of("customer", "c1", "terminal", "t1", "amount", 5.0));

        // Then
        Map<String, Double> features = driver.vectors().get("e1").features();
        assertThat(features.get("terminal_count_1h_after_1h")).isEqualTo(0.0);
        assertThat(features.get("terminal_since_last_1h_after_1h")).as("window + delay, in seconds").isEqualTo(7200.0);
        assertThat(features.get("terminal_risk_1d")).isEqualTo(0.0);
        assertThat(features.get("customer_since_last_1d")).as("only the current event in the window")
                .isEqualTo(86400.0);
        assertThat(features.get("customer_stddev_1d")).isEqualTo(0.0);
    }

    @Test
    void anEventExactlyOneWindowBackIsOutAndOneMillisecondLaterIsIn() {
        // Given payments exactly one day and one day minus 1 ms before t
        Instant t = T0.plus(Duration.ofDays(1));
        driver.event("out", t.minus(Duration.ofDays(1)), Map.of("customer", "c1", "amount", 100.0));
        driver.event("in", t.minus(Duration.ofDays(1)).plusMillis(1), Map.of("customer", "c1", "amount", 1.0));

        // When a payment comes at t
        driver.event("now", t, Map.of("customer", "c1", "amount", 3.0));

        // Then the window (t - 1d, t] holds the last two only
        Map<String, Double> features = driver.vectors().get("now").features();
        assertThat(features.get("customer_count_1d")).isEqualTo(2.0);
        assertThat(features.get("customer_max_1d")).isEqualTo(3.0);
    }

    @Test
    void aDelayedWindowEndsExactlyAtTheDelayIncluded() {
        // Given terminal payments at t - 2h (edge, out), t - 2h + 1 ms (in), t - 1h (edge, in) and t - 1h + 1 ms (out)
        Instant t = T0.plus(Duration.ofHours(5));
        driver.event("edge-out", t.minus(Duration.ofHours(2)), Map.of("customer", "a", "terminal", "t1", "amount", 1));
        driver.event("first-in", t.minus(Duration.ofHours(2)).plusMillis(1),
                Map.of("customer", "b", "terminal", "t1", "amount", 1));
        driver.event("edge-in", t.minus(Duration.ofHours(1)), Map.of("customer", "c", "terminal", "t1", "amount", 1));
        driver.event("too-recent", t.minus(Duration.ofHours(1)).plusMillis(1),
                Map.of("customer", "d", "terminal", "t1", "amount", 1));

        // When a payment comes at t
        driver.event("now", t, Map.of("customer", "e", "terminal", "t1", "amount", 1));

        // Then the window (t - 2h, t - 1h] holds first-in and edge-in
        Map<String, Double> features = driver.vectors().get("now").features();
        assertThat(features.get("terminal_count_1h_after_1h")).isEqualTo(2.0);
        assertThat(features.get("terminal_since_last_1h_after_1h")).as("since edge-in").isEqualTo(3600.0);
    }

    @Test
    void aggregatesOfSeveralEntitiesAreReassembledIntoOneVectorInSpecOrder() {
        // Given customer c1's and terminal t1's earlier payments with other partners
        driver.event("e1", T0, Map.of("customer", "c1", "terminal", "t9", "amount", 10.0));
        driver.event("e2", T0.plus(Duration.ofMinutes(10)), Map.of("customer", "c7", "terminal", "t1", "amount", 50.0));

        // When c1 pays at t1 100 minutes after e1
        driver.event("e3", T0.plus(Duration.ofMinutes(100)),
                Map.of("customer", "c1", "terminal", "t1", "amount", 30.0));

        // Then one vector holds both entities' aggregates, every feature in the spec's order
        Map<String, FeaturesComputed> vectors = driver.vectors();
        assertThat(vectors).containsOnlyKeys("e1", "e2", "e3");
        FeaturesComputed vector = vectors.get("e3");
        assertThat(List.copyOf(vector.features().keySet())).isEqualTo(SHOP.featureNames());
        assertThat(vector.entities()).containsExactly(entry("customer", "c1"), entry("terminal", "t1"));
        assertThat(vector.features()).containsEntry("customer_count_1d", 2.0).containsEntry("customer_sum_1d", 40.0)
                .containsEntry("terminal_count_1h_after_1h", 1.0);
        assertThat(vector.eventTime()).isEqualTo(T0.plus(Duration.ofMinutes(100)));
        assertThat(vector.sourceEventId()).isEqualTo("e3");
        assertThat(vector.pipeline()).isEqualTo("shop");
    }

    @Test
    void anEventWithoutAnEntityValueGetsEmptyWindowValuesForIt() {
        // Given / When a payment without terminal
        driver.event("e1", T0, Map.of("customer", "c1", "amount", 10.0));

        // Then its terminal aggregates are those of an empty window
        FeaturesComputed vector = driver.vectors().get("e1");
        assertThat(vector.entities()).containsOnlyKeys("customer");
        assertThat(vector.features()).containsEntry("terminal_count_1h_after_1h", 0.0)
                .containsEntry("terminal_since_last_1h_after_1h", 7200.0).containsEntry("customer_count_1d", 1.0);
    }

    @Test
    void labelRateCountsOnlyLabelsKnownAtTheEventTime() {
        // Given two payments at terminal t1; e1 is confirmed fraud at T0 + 3h, e2 stays unlabelled
        driver.event("e1", T0, Map.of("customer", "c1", "terminal", "t1", "amount", 1));
        driver.event("e2", T0.plus(Duration.ofMinutes(30)), Map.of("customer", "c2", "terminal", "t1", "amount", 1));
        driver.label("e1", 1, T0.plus(Duration.ofHours(3)));

        // When payments at t1 are processed after that label, one before and one after its label time
        driver.event("before", T0.plus(Duration.ofHours(2)), Map.of("customer", "c3", "terminal", "t1", "amount", 1));
        driver.event("after", T0.plus(Duration.ofHours(4)), Map.of("customer", "c4", "terminal", "t1", "amount", 1));

        // Then the earlier one must not see the label (it was not known at its time), the later one does
        Map<String, FeaturesComputed> vectors = driver.vectors();
        assertThat(vectors.get("before").features()).containsEntry("terminal_frauds_1d", 0.0)
                .containsEntry("terminal_risk_1d", 0.0);
        assertThat(vectors.get("after").features()).containsEntry("terminal_frauds_1d", 1.0)
                .containsEntry("terminal_risk_1d", 0.25);
    }

    @Test
    void negativeLabelsAndReSentLabelsDoNotChangeTheRate() {
        // Given e1 labelled fraud twice (re-sent) and e2 labelled genuine
        driver.event("e1", T0, Map.of("customer", "c1", "terminal", "t1", "amount", 1));
        driver.event("e2", T0.plus(Duration.ofMinutes(1)), Map.of("customer", "c2", "terminal", "t1", "amount", 1));
        driver.label("e1", 1, T0.plus(Duration.ofMinutes(2)));
        driver.label("e1", 1, T0.plus(Duration.ofMinutes(3)));
        driver.label("e2", 0, T0.plus(Duration.ofMinutes(4)));

        // When a third payment comes
        driver.event("e3", T0.plus(Duration.ofMinutes(5)), Map.of("customer", "c3", "terminal", "t1", "amount", 1));

        // Then one fraud among three
        assertThat(driver.vectors().get("e3").features()).containsEntry("terminal_frauds_1d", 1.0)
                .containsEntry("terminal_risk_1d", 1.0 / 3);
    }

    @Test
    void aLabelThatArrivesBeforeItsEventCountsOnceTheEventArrives() {
        // Given the label of e1 arrives first
        driver.label("e1", 1, T0.plus(Duration.ofMinutes(1)));

        // When e1 and then another payment at the same terminal arrive
        driver.event("e1", T0, Map.of("customer", "c1", "terminal", "t1", "amount", 1));
        driver.event("e2", T0.plus(Duration.ofMinutes(2)), Map.of("customer", "c2", "terminal", "t1", "amount", 1));

        // Then e2's window knows e1 was a fraud; e1's own vector does not (its label time is after it)
        Map<String, FeaturesComputed> vectors = driver.vectors();
        assertThat(vectors.get("e1").features()).containsEntry("terminal_frauds_1d", 0.0);
        assertThat(vectors.get("e2").features()).containsEntry("terminal_frauds_1d", 1.0)
                .containsEntry("terminal_risk_1d", 0.5);
    }

    @Test
    void aReSentEventYieldsNoSecondVectorAndIsNotCountedTwice() {
        // Given an event
        driver.event("e1", T0, Map.of("customer", "c1", "amount", 10.0));

        // When it is sent again, then another event of the customer follows
        driver.event("e1", T0, Map.of("customer", "c1", "amount", 10.0));
        driver.event("e2", T0.plus(Duration.ofMinutes(1)), Map.of("customer", "c1", "amount", 20.0));

        // Then one vector each, and e2 counts e1 once
        Map<String, FeaturesComputed> vectors = driver.vectors();
        assertThat(vectors).containsOnlyKeys("e1", "e2");
        assertThat(vectors.get("e2").features()).containsEntry("customer_count_1d", 2.0);
    }

    @Test
    void anEventOlderThanEveryStoreKeepsStillGetsItsVector() {
        // Given the stream is 90 days further on than the next event
        driver.event("recent", T0.plus(Duration.ofDays(90)), Map.of("customer", "c1", "terminal", "t1", "amount", 1));

        // When an event from 90 days back arrives (all its windows and per-event state have expired)
        driver.event("late", T0, Map.of("customer", "c1", "terminal", "t1", "amount", 5.0));

        // Then it still gets exactly one vector, computed from what is kept (nothing of its time)
        Map<String, FeaturesComputed> vectors = driver.vectors();
        assertThat(vectors).containsOnlyKeys("recent", "late");
        assertThat(vectors.get("late").features()).containsEntry("amount", 5.0).containsEntry("customer_count_1d", 0.0);
    }

    @Test
    void anEventStampedFarInTheFutureDoesNotWipeTheOthersState() {
        // Given a payment of c1 an hour ago
        Instant now = Instant.now();
        driver.event("e1", now.minus(Duration.ofHours(1)), Map.of("customer", "c1", "amount", 10.0));

        // When another customer's payment claims to happen a year from now, and c1 pays again
        driver.event("clock-gone-wrong", now.plus(Duration.ofDays(365)), Map.of("customer", "c2", "amount", 1.0));
        driver.event("e2", now, Map.of("customer", "c1", "amount", 20.0));

        // Then every payment has its vector, and c1's history survived
        Map<String, FeaturesComputed> vectors = driver.vectors();
        assertThat(vectors).containsOnlyKeys("e1", "clock-gone-wrong", "e2");
        assertThat(vectors.get("e2").features()).containsEntry("customer_count_1d", 2.0);
    }

    @Test
    void aVectorAndItsLaterLabelMakeExactlyOneExample() {
        // Given an event and its vector
        driver.event("e1", T0, Map.of("customer", "c1", "terminal", "t1", "amount", 42.0));
        FeaturesComputed vector = driver.vectors().get("e1");

        // When its label arrives a day later, and is sent again
        Instant labelTime = T0.plus(Duration.ofDays(1));
        driver.label("e1", 1, labelTime);
        driver.label("e1", 1, labelTime);

        // Then one example, holding the very vector emitted at event time
        List<ExampleLabelled> examples = driver.examples();
        assertThat(examples).hasSize(1);
        ExampleLabelled example = examples.get(0);
        assertThat(example.sourceEventId()).isEqualTo("e1");
        assertThat(example.eventTime()).isEqualTo(T0);
        assertThat(example.label()).isEqualTo(1.0);
        assertThat(example.labelTime()).isEqualTo(labelTime);
        assertThat(example.features()).containsExactlyEntriesOf(vector.features());
        assertThat(example.pipeline()).isEqualTo("shop");
    }

    @Test
    void aLabelBeforeItsVectorEvenSentTwiceMakesOneExample() {
        // Given a label whose event has not been seen yet, sent twice
        driver.label("e1", 0, T0.plus(Duration.ofHours(1)));
        driver.label("e1", 0, T0.plus(Duration.ofHours(1)));
        assertThat(driver.examples()).isEmpty();

        // When the event arrives
        driver.event("e1", T0, Map.of("customer", "c1", "amount", 42.0));

        // Then its example is made from the vector just emitted
        List<ExampleLabelled> examples = driver.examples();
        assertThat(examples).hasSize(1);
        assertThat(examples.get(0).label()).isEqualTo(0.0);
        assertThat(examples.get(0).features()).containsExactlyEntriesOf(driver.vectors().get("e1").features());
    }

    @Test
    void aLabelLaterThanMaxDelayMakesNoExample() {
        // Given an event
        driver.event("e1", T0, Map.of("customer", "c1", "amount", 42.0));

        // When its label comes 7 days and 1 second later (maxDelay is 7d)
        driver.label("e1", 1, T0.plus(Duration.ofDays(7)).plusSeconds(1));

        // Then the event counts as unlabelled
        assertThat(driver.examples()).isEmpty();
        assertThat(driver.vectors()).containsOnlyKeys("e1");
    }
}
