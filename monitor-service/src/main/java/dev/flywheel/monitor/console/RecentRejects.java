package dev.flywheel.monitor.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.runtime.KafkaClientConfig;
import io.smallrye.common.annotation.Identifier;

/**
 * Reads the newest records of a pipeline's rejected topic ({@code flywheel.<p>.rejected}, {@link RecordRejected})
 * on demand and produces them newest first: what ingest refused from every source (HTTP, uploads, Kafka, pull
 * sources), with each field's rule, reason and value. Per partition it reads at most the last {@code limit}
 * offsets, so a read costs the same whether the topic holds a hundred records or a month of them.
 *
 * <p>A plain consumer with assigned partitions and no group: nothing is committed and nobody's offsets move. Kept
 * on demand rather than in memory: the console asks for it when someone looks, and the topic is the record.
 */
@Singleton
public class RecentRejects {

    /** The most records one answer carries. */
    public static final int MAX_LIMIT = 500;
    static final int RAW_CHARS = 500;
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> connection;
    private final Duration timeout;

    @Inject
    public RecentRejects(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this(KafkaClientConfig.connection(kafka), Duration.ofSeconds(15));
    }

    RecentRejects(Map<String, Object> connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    /**
     * The newest rejections of a pipeline.
     *
     * @param topic      where the pipeline's rejections are; {@code unreadable} counts records that do not decode
     * @param records    newest first, at most {@code limit}
     */
    public record Page(String pipeline, String topic, int limit, Instant readAt, long readMillis, int unreadable,
                       List<RecentReject> records) {
    }

    /** Thrown when the broker does not give the records in time; the endpoint answers 503. */
    public static final class NotReadInTime extends RuntimeException {
        NotReadInTime(String message) {
            super(message);
        }
    }

    /** @param limit 1 to {@value #MAX_LIMIT} */
    public Page newest(String pipeline, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: must be between 1 and " + MAX_LIMIT + " but was " + limit);
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Topic<String, RecordRejected> topic = Topics.rejected(pipeline);
        Deserializer<RecordRejected> values = topic.valueSerde().deserializer();
        List<RecentReject> read = new ArrayList<>();
        int unreadable = 0;
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "flywheel-monitor-console-rejects");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // What the rest of the platform sees: an aborted transaction's rejection was never really made.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_LIMIT);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), remaining(deadline)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (!partitions.isEmpty()) {
                consumer.assign(partitions);
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, remaining(deadline));
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadline));
                Set<TopicPartition> unfinished = new HashSet<>();
                for (TopicPartition partition : partitions) {
                    long from = Math.max(begin.get(partition), end.get(partition) - limit);
                    consumer.seek(partition, from);
                    if (from < end.get(partition)) {
                        unfinished.add(partition);
                    }
                }
                consumer.pause(partitions.stream().filter(p -> !unfinished.contains(p)).toList());
                while (!unfinished.isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new NotReadInTime(topic.name() + ": not read within " + timeout.toSeconds() + " s");
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                        if (record.offset() >= end.get(partition)) {
                            continue;
                        }
                        RecordRejected rejection = decode(values, record);
                        if (rejection == null) {
                            unreadable++;
                        } else {
                            read.add(new RecentReject(rejection.rejectedAt() == null
                                    ? Instant.ofEpochMilli(record.timestamp()) : rejection.rejectedAt(),
                                    rejection.kind(), rejection.source(), record.partition(), record.offset(),
                                    cut(rejection.raw()), rejection.violations()));
                        }
                    }
                    // Positions, not record counts: transaction markers occupy offsets too.
                    for (TopicPartition partition : List.copyOf(unfinished)) {
                        if (consumer.position(partition) >= end.get(partition)) {
                            unfinished.remove(partition);
                            consumer.pause(List.of(partition));
                        }
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new NotReadInTime(topic.name() + ": the broker did not answer in time (" + e.getMessage() + ")");
        }
        List<RecentReject> newest = read.stream()
                .sorted(Comparator.comparing(RecentReject::rejectedAt).reversed()
                        .thenComparing(Comparator.comparingLong(RecentReject::offset).reversed()))
                .limit(limit).toList();
        return new Page(pipeline, topic.name(), limit, Instant.now(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), unreadable, newest);
    }

    private static RecordRejected decode(Deserializer<RecordRejected> values, ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String cut(String raw) {
        if (raw == null || raw.length() <= RAW_CHARS) {
            return raw;
        }
        int end = Character.isHighSurrogate(raw.charAt(RAW_CHARS - 1)) ? RAW_CHARS - 1 : RAW_CHARS;
        return raw.substring(0, end) + "...";
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
    }
}
