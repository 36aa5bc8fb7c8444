package dev.flywheel.bench.feature;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.flywheel.contracts.Topics;

/**
 * Times how fast the feature service turns the preloaded backlog into vectors: waits until the features topic's
 * end offsets (read_committed: last stable offsets) hold at least {@code records} offsets, so this process reads
 * nothing while the service works, then reads the topic and takes the first and last vector's timestamp (the
 * service stamps each vector with the wall-clock time it computed it). Offsets alone would overcount, since every
 * exactly-once transaction leaves a commit marker on each partition it wrote; the read counts records.
 *
 * <p>Prints {@code vectors=<n> span_ms=<last-first> events_per_s=<(n-1)/span>}; {@code vectors} below
 * {@code records} means the timeout came first.
 */
record VectorDrainTimer(String bootstrap, String pipeline, int records, Duration timeout) {

    String await() throws InterruptedException {
        String topic = Topics.features(pipeline).name();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            while (System.nanoTime() < deadline
                    && consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum() < records) {
                Thread.sleep(500);
            }
            consumer.seekToBeginning(partitions);
            long count = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            while (count < records && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    count++;
                    first = Math.min(first, record.timestamp());
                    last = Math.max(last, record.timestamp());
                }
            }
            long span = count > 1 ? last - first : 0;
            double rate = span > 0 ? (count - 1) * 1000.0 / span : 0;
            return String.format(java.util.Locale.ROOT, "throughput vectors=%d of=%d first_ms=%d last_ms=%d span_ms=%d "
                    + "events_per_s=%.0f", count, records, first, last, span, rate);
        }
    }
}
