package dev.flywheel.inference.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topics;
import dev.flywheel.runtime.KafkaClientConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * How far this instance has read {@code flywheel.models}, compared with where the topic ended when the
 * instance started. Until it has read that far, it does not know which model each pipeline should serve,
 * and so is not ready.
 *
 * <p>The end offsets are taken once at start with a short-lived consumer that joins no group (after the
 * topics were created, before the channel reads anything). A partition that was empty then needs nothing.
 * Kafka's end offsets are not available from the SmallRye channel before it is assigned its partitions,
 * which is later than the first readiness probe may come.
 */
@Singleton
public class ModelsLogProgress {

    private static final Logger LOG = Logger.getLogger(ModelsLogProgress.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    private volatile Map<TopicPartition, Long> horizon;
    private final Map<TopicPartition, Long> processed = new ConcurrentHashMap<>();

    /** Runs after TopicBootstrap (priority 1) created the topic. */
    void onStart(@Observes @Priority(2) StartupEvent start,
                 @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        String topic = Topics.models().name();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(horizonClient(kafka),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, LOOKUP_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, LOOKUP_TIMEOUT);
            horizon = Map.copyOf(ends);
            LOG.infof("%s held %d event(s) at start; ready once they are read",
                    topic, ends.values().stream().mapToLong(Long::longValue).sum());
        }
    }

    /** Called by the consumer after it handled the record at {@code offset}. */
    public void processed(String topic, int partition, long offset) {
        processed.merge(new TopicPartition(topic, partition), offset + 1, Math::max);
    }

    /** Every event present at start has been handled. */
    public boolean caughtUp() {
        Map<TopicPartition, Long> ends = horizon;
        if (ends == null) {
            return false;
        }
        // Assumes a non-transactional producer (training's TopicPublisher): with transactions, the end offset
        // would count the commit marker, which no consumer ever receives.
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                || processed.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    /** Events present at start that are not handled yet. */
    public long behind() {
        Map<TopicPartition, Long> ends = horizon;
        if (ends == null) {
            return -1;
        }
        return ends.entrySet().stream()
                .mapToLong(end -> Math.max(0, end.getValue() - processed.getOrDefault(end.getKey(), 0L))).sum();
    }

    private static Map<String, Object> horizonClient(Map<String, Object> kafka) {
        Map<String, Object> config = KafkaClientConfig.connection(kafka);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "inference-models-horizon");
        return config;
    }
}
