package dev.flywheel.ingest.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.flywheel.contracts.Topic;

/**
 * Everything committed on a topic right now, read with {@code isolation.level=read_committed} from the beginning up
 * to the end offsets taken when the read starts: what a transactional consumer downstream would see. A record the
 * topic's serde cannot read (a poison-message test's garbage) is passed over.
 */
final class CommittedRecords {

    private CommittedRecords() {
    }

    static <V> List<V> of(Topic<String, V> topic) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Deserializer<V> reader = topic.valueSerde().deserializer();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "committed-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                topic.keySerde().deserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<V> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic.name() + " up to " + end + " in 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    try {
                        values.add(reader.deserialize(record.topic(), record.value()));
                    } catch (RuntimeException unreadable) {
                        // not a record of this topic's type: another test's poison
                    }
                });
            }
            return values;
        }
    }
}
