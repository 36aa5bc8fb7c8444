package dev.flywheel.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;

/**
 * Poison-message tests against the real broker: produces bytes no consumer can read (keyed so the test can find
 * them again), then waits for their dead letter on {@link Topics#deadLetter()}.
 */
public final class PoisonRecords {

    private PoisonRecords() {
    }

    /** Bytes that are neither JSON nor text: a NUL, invalid UTF-8, and the run's mark. */
    public static byte[] garbage(String mark) {
        byte[] text = (" not an event " + mark).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = 0;
        bytes[1] = (byte) 0xC3;
        bytes[2] = (byte) 0x28;
        System.arraycopy(text, 0, bytes, 3, text.length);
        return bytes;
    }

    /** Produces {@code value} with {@code key} to {@code topic} and waits for the broker's acknowledgement. */
    public static void produce(Topic<?, ?> topic, String key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), value))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic.name(), e);
        }
    }

    /** Waits for the dead letter whose key is {@code key} and returns it. */
    public static ConsumerRecord<byte[], byte[]> awaitDeadLetter(String key, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-probe-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.deadLetter().name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
            List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
            Awaitility.await().atMost(timeout).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key() != null && java.util.Arrays.equals(record.key(), wanted)) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    /** A header's value as text, or null when the record has none of that name. */
    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
