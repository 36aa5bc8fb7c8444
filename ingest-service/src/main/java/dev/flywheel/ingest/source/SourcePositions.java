package dev.flywheel.ingest.source;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.SourcePositionSaved;

/**
 * Reads the last committed position of one source from {@link Topics#sourcePositions()}: only the partition its
 * key hashes to, from the beginning to the end, with {@code isolation.level=read_committed} so that positions of
 * aborted transactions (whose records were never published either) are not seen.
 *
 * <p>A read_committed consumer stops at the last stable offset, before any transaction still open. The read goes
 * on until the high watermark taken at the start is passed, so a committed position behind another source's open
 * transaction on the same partition is not missed.
 */
public final class SourcePositions {

    private static final Logger LOG = Logger.getLogger(SourcePositions.class);

    private final Map<String, Object> connection;
    private final Duration timeout;

    public SourcePositions(Map<String, Object> connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    public Optional<SourcePositionSaved> latest(String pipeline, String source)
            throws InterruptedException, TimeoutException {
        Topic<String, SourcePositionSaved> topic = Topics.sourcePositions();
        String key = SourcePositionSaved.key(pipeline, source);
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "flywheel-positions-" + pipeline + "-" + source);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            int partitions = consumer.partitionsFor(topic.name(), timeout).size();
            // The producer's default partitioner puts a keyed record here; only this partition can hold the key.
            TopicPartition partition = new TopicPartition(topic.name(),
                    Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions);
            long end = highWatermark(partition);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            SourcePositionSaved latest = null;
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading the position of " + key + " did not reach offset " + end
                            + " of " + partition + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))
                            && record.value() != null) {
                        latest = readable(topic, record).orElse(latest);
                    }
                }
            }
            return Optional.ofNullable(latest);
        }
    }

    /**
     * An unreadable position is passed over for the last readable one before it: the source then reads a little
     * again (repeats keep their event ids, consumers drop them) instead of never starting at all.
     */
    private static Optional<SourcePositionSaved> readable(Topic<String, SourcePositionSaved> topic,
                                                          ConsumerRecord<byte[], byte[]> record) {
        try {
            return Optional.ofNullable(topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
        } catch (RuntimeException e) {
            LOG.warnf("unreadable position at %s-%d@%d passed over: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return Optional.empty();
        }
    }

    private long highWatermark(TopicPartition partition) throws InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(connection)) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                            new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .partitionResult(partition).get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offset of " + partition + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }
}
