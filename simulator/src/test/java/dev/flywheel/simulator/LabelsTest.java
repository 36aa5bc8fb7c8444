package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LabelsTest {

    private static final SimulationConfig SMALL = SimulationConfig.standard()
            .withPopulation(800, 1600).withDays(30).withNewFraudPattern(NewFraudPattern.cardTestingFrom(10));

    @Test
    void everyTransactionGetsOneTimelyLabelWithTheStandardDelays() {
        // Given the standard delays: frauds known after 1–7 days, genuine after 7 days
        LabelDelay delays = LabelDelay.standard();

        // When the merged stream is read to its end
        List<SimEvent> events = readAll(new Simulation(SMALL.withLabelDelay(delays)).events());

        // Then each transaction has exactly one label, carrying its truth, within the delay bounds
        Checked checked = check(events, delays);
        assertThat(checked.frauds()).isGreaterThan(500);
        // And fraud delays spread over the whole allowed range
        assertThat(checked.shortestFraudDelay()).isLessThan(Duration.ofHours(36));
        assertThat(checked.longestFraudDelay()).isGreaterThan(Duration.ofDays(6).plusHours(12));
    }

    @Test
    void shortDelaysForTheLiveDemoInterleaveLabelsWithTransactions() {
        // Given minute-scale delays
        LabelDelay delays = new LabelDelay(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(2));

        // When three days are streamed
        List<SimEvent> events = readAll(new Simulation(SMALL.withLabelDelay(delays)).events(3));

        // Then the bounds hold, and almost every label arrives before the last transaction
        check(events, delays);
        int lastTransaction = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof CardTransaction) {
                lastTransaction = i;
            }
        }
        long labelsBeforeEnd = events.subList(0, lastTransaction).stream().filter(FraudLabel.class::isInstance).count();
        long labels = events.stream().filter(FraudLabel.class::isInstance).count();
        assertThat(labelsBeforeEnd / (double) labels).isGreaterThan(0.95);
    }

    private record Checked(long frauds, Duration shortestFraudDelay, Duration longestFraudDelay) {
    }

    private static Checked check(List<SimEvent> events, LabelDelay delays) {
        Map<String, CardTransaction> transactions = new HashMap<>();
        Map<String, Integer> labelCount = new HashMap<>();
        Instant previous = Instant.MIN;
        long frauds = 0;
        Duration shortest = Duration.ofDays(365);
        Duration longest = Duration.ZERO;
        for (SimEvent event : events) {
            // the merged stream is in simulated-time order
            assertThat(event.time()).isAfterOrEqualTo(previous);
            previous = event.time();
            if (event instanceof CardTransaction tx) {
                assertThat(transactions.put(tx.transactionId(), tx)).isNull();
            } else if (event instanceof FraudLabel label) {
                CardTransaction tx = transactions.get(label.transactionId());
                // a label never precedes its transaction
                assertThat(tx).as("transaction of label %s", label.transactionId()).isNotNull();
                labelCount.merge(label.transactionId(), 1, Integer::sum);
                assertThat(label.scenario()).isEqualTo(tx.scenario());
                assertThat(label.txFraud()).isEqualTo(tx.isFraud() ? 1 : 0);
                Duration delay = Duration.between(tx.txDatetime(), label.labelTime());
                if (tx.isFraud()) {
                    frauds++;
                    assertThat(delay).isBetween(delays.fraudMin(), delays.fraudMax());
                    shortest = delay.compareTo(shortest) < 0 ? delay : shortest;
                    longest = delay.compareTo(longest) > 0 ? delay : longest;
                } else {
                    assertThat(delay).isEqualTo(delays.genuine());
                }
            }
        }
        assertThat(labelCount.keySet()).containsExactlyInAnyOrderElementsOf(transactions.keySet());
        assertThat(labelCount.values()).containsOnly(1);
        return new Checked(frauds, shortest, longest);
    }

    private static List<SimEvent> readAll(LabelledEventStream stream) {
        List<SimEvent> out = new ArrayList<>();
        stream.forEachRemaining(out::add);
        assertThat(stream.pendingLabels()).isZero();
        return out;
    }
}
