package dev.flywheel.training.dataset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.runtime.KafkaClientConfig;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.event.OffsetRange;
import io.smallrye.common.annotation.Identifier;

/**
 * Reads a pipeline's {@code flywheel.<p>.examples} topic ({@link ExampleLabelled}) from the beginning up to
 * the end offsets taken when the read starts, so a run works on a fixed, recorded dataset while new
 * examples keep arriving. A plain consumer with assigned partitions and no group: nothing is committed,
 * every run reads everything again.
 */
@Singleton
public class ExampleReader {

    private static final Logger LOG = Logger.getLogger(ExampleReader.class);

    private final Map<String, Object> connection;

    public ExampleReader(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.connection = KafkaClientConfig.connection(kafka);
    }

    /** Records on the examples topic now (sum over partitions of end minus beginning offset), unread. */
    public long available(String pipeline) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("flywheel-training-count")) {
            List<TopicPartition> partitions = partitions(consumer, Topics.examples(pipeline).name());
            // Assigned, because read_committed offset look-ups warn about partitions a consumer does not own.
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            return partitions.stream().mapToLong(partition -> end.get(partition) - begin.get(partition)).sum();
        }
    }

    /**
     * Reads every example up to the end offsets as of now, keeping the features named.
     *
     * @param progress told the number of records read so far, and how many there are in all
     * @throws IllegalStateException when the read takes longer than {@code timeout}
     */
    public ExampleSnapshot readAll(String pipeline, List<String> featureNames, Duration timeout, ReadProgress progress) {
        Topic<String, ExampleLabelled> topic = Topics.examples(pipeline);
        Deserializer<ExampleLabelled> values = topic.valueSerde().deserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("flywheel-training-read")) {
            List<TopicPartition> partitions = partitions(consumer, topic.name());
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = partitions.stream().mapToLong(partition -> end.get(partition) - begin.get(partition)).sum();

            Set<TopicPartition> remaining = new HashSet<>();
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, begin.get(partition));
                if (begin.get(partition) < end.get(partition)) {
                    remaining.add(partition);
                }
            }
            consumer.pause(partitions.stream().filter(partition -> !remaining.contains(partition)).toList());

            List<LabelledRow> examples = new ArrayList<>();
            int unreadable = 0;
            long read = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic.name() + " took longer than " + timeout + " ("
                            + read + " of " + total + " records read)");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    read++;
                    ExampleLabelled example = decode(values, record);
                    if (example == null) {
                        unreadable++;
                    } else {
                        examples.add(LabelledRow.of(example, featureNames));
                    }
                }
                // Positions, not record counts: transaction markers and compacted gaps occupy offsets too.
                for (TopicPartition partition : List.copyOf(remaining)) {
                    if (consumer.position(partition) >= end.get(partition)) {
                        remaining.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
                progress.onRead(read, total);
            }
            List<OffsetRange> ranges = partitions.stream()
                    .map(partition -> new OffsetRange(topic.name(), partition.partition(), begin.get(partition),
                            end.get(partition)))
                    .toList();
            return new ExampleSnapshot(examples, ranges, unreadable);
        }
    }

    private static ExampleLabelled decode(Deserializer<ExampleLabelled> values, ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            LOG.debugf("skipping unreadable example at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String clientId) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only committed records: the feature service may write examples in transactions.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }

    /** Told while a read proceeds. */
    @FunctionalInterface
    public interface ReadProgress {

        ReadProgress NONE = (read, total) -> {
        };

        void onRead(long read, long total);
    }
}
