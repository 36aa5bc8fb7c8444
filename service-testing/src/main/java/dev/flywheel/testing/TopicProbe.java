package dev.flywheel.testing;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.flywheel.contracts.Topic;

/**
 * Reads a topic from its beginning in a test, with the topic's own serdes, and waits (Awaitility)
 * until a record that matches shows up. Each probe uses its own consumer group, so it sees
 * everything regardless of what the services have consumed. A record the topic's serde cannot read (the garbage of
 * a poison-message test that ran earlier in the same JVM) is passed over.
 */
public final class TopicProbe<V> implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<V> values;
    private final List<V> seen = new ArrayList<>();

    private TopicProbe(Topic<String, V> topic, String bootstrap) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                topic.keySerde().deserializer(), new ByteArrayDeserializer());
        this.values = topic.valueSerde().deserializer();
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** A probe on the broker the running Quarkus test uses. */
    public static <V> TopicProbe<V> of(Topic<String, V> topic) {
        return new TopicProbe<>(topic, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    /** A probe on a broker named by its bootstrap address (tests that start processes themselves). */
    public static <V> TopicProbe<V> on(Topic<String, V> topic, String bootstrap) {
        return new TopicProbe<>(topic, bootstrap);
    }

    /** Waits up to {@code timeout} for a record matching {@code wanted} and returns it. */
    public V await(Predicate<V> wanted, Duration timeout) {
        Awaitility.await().atMost(timeout).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> readable(record).ifPresent(seen::add));
            return seen.stream().anyMatch(wanted);
        });
        return seen.stream().filter(wanted).findFirst().orElseThrow();
    }

    private Optional<V> readable(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.ofNullable(values.deserialize(record.topic(), record.value()));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Every record read so far. */
    public List<V> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
