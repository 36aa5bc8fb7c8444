package dev.flywheel.feature.offline;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.event.OffsetRange;
import io.smallrye.common.annotation.Identifier;
import dev.flywheel.runtime.KafkaClientConfig;

/**
 * Reads the examples of one pipeline whose <em>event time</em> lies in {@code [from, to)} off
 * {@code flywheel.<p>.examples} ({@link ExampleLabelled}), the offline store, with a fresh consumer: no group,
 * {@code read_committed} (the feature service writes examples in transactions), every partition assigned.
 *
 * <p>Where to start: the examples topic's records carry the wall-clock time the example was made (the label
 * arrived), not the event time, and an example is made after its event happened; so every example of an event at
 * or after {@code from} has a record timestamp at or after {@code from}, and each partition is read from
 * {@code offsetsForTimes(from)}. The event time in the value decides what is written. Where to stop: the end
 * offsets (last stable offsets, for read_committed) taken when the read is opened, so the export is a fixed,
 * recorded slice of the log while new examples keep coming. The {@link OffsetRange}s read are known before the
 * first row, so the HTTP answer can carry them in a header.
 */
@Singleton
public class ExampleExport {

    private static final Logger LOG = Logger.getLogger(ExampleExport.class);
    /** A read that gets no record for this long while short of its end offsets fails rather than hang. */
    static final Duration STALL = Duration.ofSeconds(60);

    private final Map<String, Object> connection;

    public ExampleExport(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.connection = KafkaClientConfig.connection(kafka);
    }

    /** Opens a read of {@code pipeline}'s examples with event time in {@code [from, to)}; close it when done. */
    public Read open(String pipeline, Instant from, Instant to) {
        Topic<String, ExampleLabelled> topic = Topics.examples(pipeline);
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "flywheel-feature-export");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(partition -> at.put(partition, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(at);
            List<OffsetRange> ranges = partitions.stream().map(partition -> {
                OffsetAndTimestamp found = start.get(partition);
                long last = end.get(partition);
                // None found: no record of the partition is that recent, so nothing of it is read.
                long first = found == null ? last : Math.min(found.offset(), last);
                return new OffsetRange(topic.name(), partition.partition(), first, last);
            }).toList();
            return new Read(consumer, topic, ranges, from, to);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** Takes each example read. */
    @FunctionalInterface
    public interface RowSink {
        void accept(ExampleLabelled example) throws IOException;
    }

    /** One export's read: its offset ranges, fixed when opened, and the examples in them. */
    public static final class Read implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Topic<String, ExampleLabelled> topic;
        private final List<OffsetRange> ranges;
        private final Instant from;
        private final Instant to;
        private long rows;
        private long unreadable;

        private Read(KafkaConsumer<byte[], byte[]> consumer, Topic<String, ExampleLabelled> topic,
                     List<OffsetRange> ranges, Instant from, Instant to) {
            this.consumer = consumer;
            this.topic = topic;
            this.ranges = ranges;
            this.from = from;
            this.to = to;
        }

        /** Topic, partition, first offset (inclusive) and end offset (exclusive) of every partition read. */
        public List<OffsetRange> ranges() {
            return ranges;
        }

        /**
         * Hands {@code sink} every example of the ranges whose event time is in {@code [from, to)}, partition by
         * partition in offset order (interleaved between partitions as the broker returns them).
         *
         * @return the number of examples handed over
         * @throws IOException from the sink, or when the broker stops returning records short of the end offsets
         */
        public long forEach(RowSink sink) throws IOException {
            Deserializer<ExampleLabelled> values = topic.valueSerde().deserializer();
            Map<TopicPartition, Long> end = new HashMap<>();
            Set<TopicPartition> remaining = new HashSet<>();
            for (OffsetRange range : ranges) {
                TopicPartition partition = new TopicPartition(range.topic(), range.partition());
                end.put(partition, range.toOffset());
                consumer.seek(partition, range.fromOffset());
                if (range.count() > 0) {
                    remaining.add(partition);
                }
            }
            consumer.pause(end.keySet().stream().filter(partition -> !remaining.contains(partition)).toList());
            long lastProgress = System.nanoTime();
            while (!remaining.isEmpty()) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    ExampleLabelled example = decode(values, record);
                    if (example != null && inRange(example.eventTime())) {
                        sink.accept(example);
                        rows++;
                    }
                }
                // Positions, not record counts: transaction markers occupy offsets too.
                for (TopicPartition partition : List.copyOf(remaining)) {
                    if (consumer.position(partition) >= end.get(partition)) {
                        remaining.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
                if (!records.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new IOException("export of " + topic.name() + " got no record for " + STALL
                            + " short of the end offsets " + ranges);
                }
            }
            if (unreadable > 0) {
                LOG.warnf("export of %s skipped %d unreadable record(s)", topic.name(), unreadable);
            }
            return rows;
        }

        private boolean inRange(Instant eventTime) {
            return eventTime != null && !eventTime.isBefore(from) && eventTime.isBefore(to);
        }

        private ExampleLabelled decode(Deserializer<ExampleLabelled> values, ConsumerRecord<byte[], byte[]> record) {
            if (record.value() == null) {
                return null;
            }
            try {
                return values.deserialize(record.topic(), record.value());
            } catch (RuntimeException e) {
                unreadable++;
                LOG.debugf("skipping unreadable example at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                return null;
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
