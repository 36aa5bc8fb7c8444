package dev.flywheel.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.flywheel.contracts.Topic;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes to any {@link Topic}, serialising with the topic's own serdes. One idempotent producer
 * per service; a record counts as published only when the broker acknowledged it on all in-sync
 * replicas, so callers can answer their clients only after that.
 *
 * <p>Used where the target topic depends on the pipeline (known only at run time), which
 * SmallRye's statically configured channels cannot express.
 */
@Singleton
public class TopicPublisher {

    private final Producer<byte[], byte[]> producer;

    public TopicPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(KafkaClientConfig.connection(kafka));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        // Fewer, fuller requests under load (the default 16 KiB holds ~60 ingested events); a lone record still
        // leaves after linger.ms.
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "flywheel-publisher");
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one record; the stage completes when the broker acknowledged it. */
    public <K, V> CompletionStage<RecordMetadata> publish(Topic<K, V> topic, K key, V value) {
        return publish(topic, key, value, List.of());
    }

    /** Sends one record with these headers (e.g. why a record was dead-lettered); completes when acknowledged. */
    public <K, V> CompletionStage<RecordMetadata> publish(Topic<K, V> topic, K key, V value, Iterable<Header> headers) {
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic.name(), null, keyBytes, valueBytes, headers), (metadata, error) -> {
            if (error != null) {
                acked.completeExceptionally(error);
            } else {
                acked.complete(metadata);
            }
        });
        return acked;
    }

    @PreDestroy
    void close() {
        // Bounded: at shutdown the broker may already be gone, and unsent records would block forever.
        producer.close(Duration.ofSeconds(10));
    }
}
