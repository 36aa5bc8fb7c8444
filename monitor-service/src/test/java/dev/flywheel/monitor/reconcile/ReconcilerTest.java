package dev.flywheel.monitor.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.kafka.local.KafkaBroker;
import dev.flywheel.kafka.local.KafkaTopics;

/**
 * The reconciler over the real broker, on topics of a pipeline of its own: every record it counts was written
 * here, so each total and each per-id count is known exactly.
 */
class ReconcilerTest {

    private static final String PIPELINE = "reconcile-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Instant T = Instant.parse("2018-04-01T10:00:00Z");
    private static String bootstrap;

    @BeforeAll
    static void topics() {
        bootstrap = KafkaBroker.shared().bootstrapServers();
        KafkaTopics.create(bootstrap, Topics.forPipeline(PIPELINE).stream().map(Topic::name).toList(), 2);
    }

    @Test
    void countsEachStreamByEventIdAndNamesDuplicatesAndGaps() throws Exception {
        // Given e1 carried through every stage, e2 accepted twice (a duplicate), e3 accepted without a vector,
        // one refused event, a shadow prediction and an outcome published twice for the same prediction
        send(Topics.rawEvents(PIPELINE), "e1", "{}");
        send(Topics.rawEvents(PIPELINE), "e2", "{}");
        for (String id : List.of("e1", "e2", "e2", "e3")) {
            send(Topics.events(PIPELINE), id, EventIngested.of(id, PIPELINE, T, T, "test",
                    Json.mapper().createObjectNode()));
        }
        send(Topics.rejected(PIPELINE), PIPELINE, new RecordRejected("r1", 1, PIPELINE, "event", "test", T, "{}",
                List.of()));
        send(Topics.rejected(PIPELINE), PIPELINE, new RecordRejected("r2", 1, PIPELINE, "label", "test", T, "{}",
                List.of()));
        for (String id : List.of("e1", "e2")) {
            send(Topics.features(PIPELINE), id, new FeaturesComputed("f-" + id, 1, PIPELINE, id, T, T, Map.of(),
                    Map.of("x", 1.0)));
        }
        send(Topics.predictions(PIPELINE), "e1", prediction("p1", "e1", false));
        send(Topics.predictions(PIPELINE), "e1", prediction("p1-shadow", "e1", true));
        send(Topics.labels(PIPELINE), "e1", new LabelReceived("l1", 1, PIPELINE, "e1", 1.0, T, T));
        OutcomeObserved outcome = new OutcomeObserved("o1", 1, PIPELINE, "p1", "e1", "1", 0.9, true, 1.0, T, T, T);
        send(Topics.outcomes(PIPELINE), "e1", outcome);
        send(Topics.outcomes(PIPELINE), "e1", outcome);

        // When the pipeline is reconciled, asking about e1, e2, e3 and an id never sent
        Reconciliation report = new Reconciler(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Duration.ofSeconds(30), 1_000).reconcile(PIPELINE, List.of("e1", "e2", "e3", "e9"), 10);

        // Then each stream is counted, duplicates and gaps are named, and the pipeline does not balance
        assertThat(report.rawEvents()).isEqualTo(2);
        assertThat(report.events()).extracting(StreamCount::records, StreamCount::distinctIds,
                StreamCount::duplicateIds).containsExactly(4L, 3L, 1L);
        assertThat(report.events().duplicates()).containsExactly("e2");
        assertThat(report.rejectedEvents()).isEqualTo(1);
        assertThat(report.features().missing()).isEqualTo(1);
        assertThat(report.features().missingSample()).containsExactly("e3");
        assertThat(report.predictions().records()).isEqualTo(1);
        assertThat(report.shadowPredictions()).isEqualTo(1);
        assertThat(report.predictions().missingSample()).containsExactly("e2");
        assertThat(report.outcomes().duplicateIds()).isEqualTo(1);
        assertThat(report.outcomes().duplicates()).containsExactly("p1");
        assertThat(report.balanced()).isFalse();
        assertThat(report.truncated()).isFalse();
        assertThat(report.eventIds()).containsExactly(
                Map.entry("e1", new Reconciliation.IdCounts(1, 1, 1, 2, 1)),
                Map.entry("e2", new Reconciliation.IdCounts(2, 1, 0, 0, 0)),
                Map.entry("e3", new Reconciliation.IdCounts(1, 0, 0, 0, 0)),
                Map.entry("e9", new Reconciliation.IdCounts(0, 0, 0, 0, 0)));
    }

    @Test
    void aTopicLongerThanTheLimitIsReportedTruncated() {
        // Given a limit below what the pipeline's events topic holds (the other test writes four)
        String pipeline = "reconcile-small-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTopics.create(bootstrap, Topics.forPipeline(pipeline).stream().map(Topic::name).toList(), 1);
        for (int i = 0; i < 3; i++) {
            send(Topics.events(pipeline), "s" + i, EventIngested.of("s" + i, pipeline, T, T, "test",
                    Json.mapper().createObjectNode()));
        }

        // When it is reconciled with room for two records per topic
        Reconciliation report = new Reconciler(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Duration.ofSeconds(30), 2).reconcile(pipeline, List.of(), 10);

        // Then it says its counts are partial
        assertThat(report.truncated()).isTrue();
        assertThat(report.events().records()).isEqualTo(2);
    }

    private static PredictionMade prediction(String id, String eventId, boolean shadow) {
        return new PredictionMade(id, 1, PIPELINE, eventId, shadow ? "2" : "1", 0.9, true, Map.of("x", 1.0), T, T,
                10, shadow);
    }

    private static <V> void send(Topic<String, V> topic, String key, V value) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic.name(), e);
        }
    }
}
