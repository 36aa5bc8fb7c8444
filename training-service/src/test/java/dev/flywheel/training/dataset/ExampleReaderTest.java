package dev.flywheel.training.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.event.OffsetRange;
import dev.flywheel.kafka.local.KafkaBroker;

class ExampleReaderTest {

    private final KafkaBroker broker = KafkaBroker.shared();
    private final String pipeline = "reader-" + UUID.randomUUID().toString().substring(0, 8);
    private final Topic<String, ExampleLabelled> topic = Topics.examples(pipeline);
    private final ExampleReader reader = new ExampleReader(Map.of("bootstrap.servers", broker.bootstrapServers()));

    @Test
    void readsEverythingUpToTheEndOffsetsAndRecordsTheRanges() {
        // Given 30 examples over 3 partitions and one record that is not an example
        broker.createTopics(3, topic.name());
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < 30; i++) {
                send(producer, "e" + i, topic.valueSerde().serializer().serialize(topic.name(), example("e" + i)));
            }
            send(producer, "junk", "not json".getBytes());
        }

        // When the topic is read
        assertThat(reader.available(pipeline)).isEqualTo(31);
        ExampleSnapshot snapshot = reader.readAll(pipeline, List.of("amount"), Duration.ofSeconds(30),
                ExampleReader.ReadProgress.NONE);

        // Then every example is there, the junk is counted, and the ranges cover exactly what was read
        assertThat(snapshot.examples()).hasSize(30);
        assertThat(snapshot.examples().get(0).features()).containsExactly(1.0);
        assertThat(snapshot.unreadable()).isEqualTo(1);
        assertThat(snapshot.ranges()).hasSize(3).allSatisfy(range -> {
            assertThat(range.topic()).isEqualTo(topic.name());
            assertThat(range.fromOffset()).isZero();
        });
        assertThat(snapshot.ranges().stream().mapToLong(OffsetRange::count).sum()).isEqualTo(31);
        assertThat(snapshot.ranges()).extracting(OffsetRange::partition).containsExactlyInAnyOrder(0, 1, 2);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void send(KafkaProducer<byte[], byte[]> producer, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic.name(), key.getBytes(), value));
    }

    private ExampleLabelled example(String id) {
        Instant time = Instant.parse("2018-04-01T00:00:00Z");
        return new ExampleLabelled("x-" + id, ExampleLabelled.SCHEMA_VERSION, pipeline, id, time,
                Map.of("amount", 1.0), 0, time);
    }
}
