package dev.flywheel.kafka.local;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain kafka-clients producer and consumer for the tests: what a service would do, without Quarkus. */
final class KafkaClients {

    private KafkaClients() {
    }

    /** Sends each record and waits for its acknowledgement, so the send order is the log order. */
    static void produce(String bootstrap, List<ProducerRecord<String, String>> records) {
        produce(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), records);
    }

    /** {@link #produce(String, List)} with connection settings of its own (bootstrap servers, security). */
    static void produce(Map<String, Object> connection, List<ProducerRecord<String, String>> records) {
        Map<String, Object> settings = new HashMap<>(connection);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        Object bootstrap = connection.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer())) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(record).get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Could not produce to " + bootstrap, e);
        }
    }

    /** Reads every partition of {@code topic} from the beginning until {@code expected} records have arrived. */
    static List<ConsumerRecord<String, String>> consumeAll(String bootstrap, String topic, int expected) {
        return consumeAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic, expected);
    }

    /** {@link #consumeAll(String, String, int)} with connection settings of its own (bootstrap servers, security). */
    static List<ConsumerRecord<String, String>> consumeAll(Map<String, Object> connection, String topic, int expected) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        Map<String, Object> settings = new HashMap<>(connection);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() >= expected;
            });
        }
        return received;
    }
}
