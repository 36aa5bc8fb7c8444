package dev.flywheel.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.feature.streams.DeadLetters;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The running service on the real broker: a poison record goes to the dead-letter topic and the stream goes on. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class DeadLetterStreamsTest {

    static final String PIPELINE = "card-fraud";
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void garbageOnTheEventsTopicIsDeadLetteredAndTheEventAfterItGetsItsVector() throws Exception {
        // Given garbage bytes and then a valid payment, on the same partition of the events topic
        String run = UUID.randomUUID().toString();
        String poisonKey = "poison-" + run;
        byte[] garbage = ("\u0000not an event " + run).getBytes(StandardCharsets.UTF_8);
        String eventId = "tx-" + run;
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode payload = Json.mapper().createObjectNode().put("transaction_id", eventId)
                .put("tx_datetime", t.toString()).put("customer_id", "c-" + run).put("terminal_id", "t-" + run)
                .put("tx_amount", 12.5);
        var eventsTopic = Topics.events(PIPELINE);
        byte[] valid = eventsTopic.valueSerde().serializer().serialize(eventsTopic.name(),
                EventIngested.of(eventId, PIPELINE, t, t, "test", payload));

        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        long poisonOffset;
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
             var vectors = TopicProbe.of(Topics.features(PIPELINE));
             var deadLetters = deadLetterReader(bootstrap)) {
            // When both are written, the garbage first
            poisonOffset = producer.send(new ProducerRecord<>(eventsTopic.name(), 0,
                    poisonKey.getBytes(StandardCharsets.UTF_8), garbage)).get(10, TimeUnit.SECONDS).offset();
            producer.send(new ProducerRecord<>(eventsTopic.name(), 0, eventId.getBytes(StandardCharsets.UTF_8),
                    valid)).get(10, TimeUnit.SECONDS);

            // Then the garbage is on the dead-letter topic, as written, with its origin and reason
            List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
            Awaitility.await().atMost(PATIENCE).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.key() != null
                        && new String(r.key(), StandardCharsets.UTF_8).equals(poisonKey));
            });
            ConsumerRecord<byte[], byte[]> letter = seen.stream().filter(r -> r.key() != null
                    && new String(r.key(), StandardCharsets.UTF_8).equals(poisonKey)).findFirst().orElseThrow();
            assertThat(letter.value()).isEqualTo(garbage);
            assertThat(header(letter, DeadLetters.TOPIC)).isEqualTo(eventsTopic.name());
            assertThat(header(letter, DeadLetters.PARTITION)).isEqualTo("0");
            assertThat(header(letter, DeadLetters.OFFSET)).isEqualTo(Long.toString(poisonOffset));
            assertThat(header(letter, DeadLetters.APPLICATION)).isEqualTo("feature-service");
            assertThat(header(letter, DeadLetters.REASON)).contains("not a valid EventIngested");

            // And the valid payment after it still gets its vector
            FeaturesComputed vector = vectors.await(v -> v.sourceEventId().equals(eventId), PATIENCE);
            assertThat(vector.features()).containsEntry("tx_amount", 12.5).containsEntry("customer_nb_tx_1d", 1.0);
        }
    }

    private static KafkaConsumer<byte[], byte[]> deadLetterReader(String bootstrap) {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.deadLetter().name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static String header(ConsumerRecord<byte[], byte[]> letter, String key) {
        var header = letter.headers().lastHeader(key);
        assertThat(header).as("header %s", key).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
