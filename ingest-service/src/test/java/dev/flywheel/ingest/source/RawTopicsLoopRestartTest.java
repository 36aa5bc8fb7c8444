package dev.flywheel.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The raw-topics loop commits only what was judged and acknowledged, and a restart goes on from there: records
 * produced while it was stopped are judged once, those judged before are not judged again.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class RawTopicsLoopRestartTest {

    private static final String PIPELINE = "card-fraud";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    RawTopicsLoop loop;

    @Test
    void aRestartNeitherLosesNorJudgesAgainWhatWasCommitted() throws Exception {
        // Given records the running loop judged
        List<String> before = uniqueIds(60);
        produce(before);
        await().atMost(WAIT).until(() -> verdictCounts().keySet().containsAll(before));

        // When the loop stops, more records arrive, and it starts again
        loop.stop();
        assertThat(loop.state()).isEqualTo(RawTopicsLoop.State.STOPPED);
        List<String> after = uniqueIds(60);
        produce(after);
        loop.start();

        // Then the group's offsets reach the end of the raw topic (everything judged and committed) ...
        await().atMost(WAIT).until(this::rawTopicFullyCommitted);
        // ... and every record, from before the stop or after it, has exactly one verdict
        Map<String, Long> counts = verdictCounts();
        assertThat(before).allSatisfy(id -> assertThat(counts.get(id)).as("verdicts of %s", id).isEqualTo(1L));
        assertThat(after).allSatisfy(id -> assertThat(counts.get(id)).as("verdicts of %s", id).isEqualTo(1L));
        assertThat(loop.state()).isEqualTo(RawTopicsLoop.State.RUNNING);
    }

    private static Map<String, Long> verdictCounts() {
        return CommittedRecords.of(Topics.events(PIPELINE)).stream()
                .collect(Collectors.groupingBy(EventIngested::eventId, Collectors.counting()));
    }

    private boolean rawTopicFullyCommitted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("ingest-service")
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            String raw = Topics.rawEvents(PIPELINE).name();
            Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(List.of(raw)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(raw).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(raw, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS)
                    .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                    || committed.containsKey(end.getKey()) && committed.get(end.getKey()).offset() == end.getValue());
        }
    }

    private static void produce(List<String> ids) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), new StringSerializer())) {
            for (String id : ids) {
                producer.send(new ProducerRecord<>(Topics.rawEvents(PIPELINE).name(), id, transaction(id)));
            }
            producer.flush();
        }
    }

    private static List<String> uniqueIds(int count) {
        return IntStream.range(0, count).mapToObj(i -> UUID.randomUUID().toString()).toList();
    }

    private static String transaction(String id) {
        return "{\"transaction_id\":\"" + id + "\",\"tx_datetime\":\"2018-04-01T00:07:56Z\","
                + "\"customer_id\":\"758\",\"terminal_id\":\"3156\",\"tx_amount\":42.5}";
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
