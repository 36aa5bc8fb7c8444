package dev.flywheel.monitor.reconcile;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import dev.flywheel.contracts.Topic;

/**
 * Reads a whole topic once, from its beginning offsets to the end offsets taken when the read starts, and hands
 * each decoded value (null when undecodable) to a callback. A plain consumer with assigned partitions and no
 * group: nothing is committed, nobody's offsets move. {@code read_committed}, so what is counted is what every
 * downstream consumer sees: records of aborted transactions (a Streams task that died mid-commit) do not count.
 */
final class TopicScan {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> connection;

    TopicScan(Map<String, Object> connection) {
        this.connection = connection;
    }

    /** What a scan read: whether it stopped at {@code maxRecords} before the end. */
    record Outcome(long records, boolean truncated) {
    }

    /**
     * @return the records read; a topic that does not exist reads as empty
     * @throws ReconciliationTimeout when the read is not done by {@code deadlineNanos}
     */
    <V> Outcome read(Topic<String, V> topic, long maxRecords, long deadlineNanos, Consumer<V> each) {
        Deserializer<V> values = topic.valueSerde().deserializer();
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "flywheel-monitor-reconcile");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), remaining(deadlineNanos)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                return new Outcome(0, false);
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, remaining(deadlineNanos));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadlineNanos));
            Set<TopicPartition> unfinished = new HashSet<>();
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, begin.get(partition));
                if (begin.get(partition) < end.get(partition)) {
                    unfinished.add(partition);
                }
            }
            consumer.pause(partitions.stream().filter(partition -> !unfinished.contains(partition)).toList());
            long read = 0;
            while (!unfinished.isEmpty()) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new ReconciliationTimeout(topic.name() + ": " + read + " records read when the time ran out");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    if (read == maxRecords) {
                        return new Outcome(read, true);
                    }
                    read++;
                    each.accept(decode(values, record));
                }
                // Positions, not record counts: transaction markers and aborted records occupy offsets too.
                for (TopicPartition partition : List.copyOf(unfinished)) {
                    if (consumer.position(partition) >= end.get(partition)) {
                        unfinished.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
            }
            return new Outcome(read, false);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new ReconciliationTimeout(topic.name() + ": the broker did not answer in time ("
                    + e.getMessage() + ")");
        }
    }

    private static <V> V decode(Deserializer<V> values, ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000L, deadlineNanos - System.nanoTime()));
    }
}
