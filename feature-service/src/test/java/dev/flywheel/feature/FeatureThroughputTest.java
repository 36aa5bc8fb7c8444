package dev.flywheel.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.feature.streams.EmissionCounters;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.simulator.CardTransaction;
import dev.flywheel.simulator.FraudLabel;
import dev.flywheel.simulator.LabelledEventStream;
import dev.flywheel.simulator.SimEvent;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Throughput of the running service on the real broker: a burst of simulated payments (with their labels) is
 * published, and the time until every vector is out is measured. A benchmark, so it runs only with
 * {@code -Dbench=true} (not under {@code flywheel.}, which the service config maps strictly).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class FeatureThroughputTest {

    private static final Logger LOG = Logger.getLogger(FeatureThroughputTest.class);
    static final String PIPELINE = "card-fraud";
    static final int DAYS = 10;

    @Inject
    TopicPublisher publisher;

    @Inject
    EmissionCounters counters;

    @Test
    void aBurstOfSimulatedPaymentsIsTurnedIntoVectorsAndExamples() throws Exception {
        // Given 10 days of payments of 500 cards at 1000 terminals, ending now, with their labels
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS));
        Simulation simulation = new Simulation(SimulationConfig.standard().withPopulation(500, 1000).withDays(DAYS)
                .withStart(start).withSeed(7));
        String run = Long.toString(System.nanoTime(), 36);
        long vectorsBefore = counters.vectorCount(PIPELINE);
        long examplesBefore = counters.exampleCount(PIPELINE);

        // When all of them are published as fast as the broker takes them
        long began = System.nanoTime();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        int payments = 0;
        int labels = 0;
        LabelledEventStream events = simulation.events();
        while (events.hasNext()) {
            SimEvent event = events.next();
            String id = run + "-" + event.transactionId();
            if (event instanceof CardTransaction tx) {
                acks.add(publisher.publish(Topics.events(PIPELINE), id, ingested(id, tx)).toCompletableFuture());
                payments++;
            } else if (event instanceof FraudLabel label) {
                acks.add(publisher.publish(Topics.labels(PIPELINE), id, new LabelReceived("label-" + id,
                        LabelReceived.SCHEMA_VERSION, PIPELINE, id, label.txFraud(), label.labelTime(),
                        Instant.now())).toCompletableFuture());
                labels++;
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        double published = (System.nanoTime() - began) / 1e9;

        // Then every payment gets its vector, and every label within maxDelay its example
        int expected = payments;
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> counters.vectorCount(PIPELINE) - vectorsBefore >= expected);
        double vectorsDone = (System.nanoTime() - began) / 1e9;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> counters.exampleCount(PIPELINE) - examplesBefore >= expected);
        double examplesDone = (System.nanoTime() - began) / 1e9;
        LOG.infof("throughput: %d payments + %d labels published in %.1f s; all vectors after %.1f s (%.0f "
                        + "payments/s), all examples after %.1f s", payments, labels, published, vectorsDone,
                payments / vectorsDone, examplesDone);
        assertThat(counters.vectorCount(PIPELINE) - vectorsBefore).isEqualTo(payments);
    }

    private static EventIngested ingested(String id, CardTransaction tx) {
        ObjectNode payload = Json.mapper().createObjectNode()
                .put("transaction_id", id).put("tx_datetime", tx.txDatetime().toString())
                .put("customer_id", Integer.toString(tx.customerId()))
                .put("terminal_id", Integer.toString(tx.terminalId()))
                .put("tx_amount", tx.txAmount());
        return EventIngested.of(id, PIPELINE, tx.txDatetime(), Instant.now(), "bench", payload);
    }
}
