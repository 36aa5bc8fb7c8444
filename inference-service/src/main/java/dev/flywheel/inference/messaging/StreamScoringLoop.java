package dev.flywheel.inference.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.PredictionMade;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * Exactly-once stream scoring: consumes {@code flywheel.<pipeline>.features} (every topic the pattern matches) in a
 * consumer group, and for each poll writes the {@link FeatureStreamScorer}'s {@code PredictionMade}s to
 * {@code flywheel.<pipeline>.predictions} <b>and</b> the poll's next offsets to the group in <b>one Kafka
 * transaction</b> ({@code sendOffsetsToTransaction} with the consumer's group metadata). A reader with
 * {@code isolation.level=read_committed} sees each vector's prediction exactly once: a poll whose transaction
 * aborts (a broker error) or never commits (the process dies between send and commit) leaves its predictions
 * aborted and its offsets uncommitted, so the poll is scored again, by this instance after a rewind or by
 * whichever instance owns the partitions next.
 *
 * <p>The input is read with {@code read_committed} too: feature-service writes vectors transactionally, and a
 * vector of an aborted transaction must not be scored.
 *
 * <p><b>Zombies</b> (an instance that lost its partitions in a rebalance but still runs a transaction) are fenced
 * by the group metadata (KIP-447): the broker refuses {@code sendOffsetsToTransaction} from a generation that is
 * no longer current, the transaction aborts, and the new owner's offset fetch waits until it has. This is why
 * the transactional id need not follow the partitions; it only needs to be unique per running instance. A
 * stable id per instance (a StatefulSet pod name) has one more benefit: a restart aborts the transaction the
 * crashed process left open at once, instead of after {@code transaction.timeout.ms}, during which
 * {@code read_committed} readers of that partition wait.
 *
 * <p>One thread; a rebalance only happens inside {@code poll()}, between transactions, so no transaction is open
 * when partitions are revoked. A fencing error (another process took the transactional id) stops the loop for
 * good: the other process is the live one.
 */
public final class StreamScoringLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StreamScoringLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CLOSE = Duration.ofSeconds(10);
    private static final long GATE_MILLIS = 100;

    /**
     * @param groupId            the consumer group shared by all instances (each vector scored once by the fleet)
     * @param topics             the feature topics to subscribe to
     * @param transactionalId    unique per running instance; stable across its restarts if possible
     * @param transactionTimeout how long an open transaction of a crashed instance holds readers back at most
     * @param maxPollRecords     most vectors per poll, and so per transaction
     */
    public record Settings(String groupId, Pattern topics, String transactionalId, Duration transactionTimeout,
                           int maxPollRecords) {
    }

    private final Map<String, Object> connection;
    private final Settings settings;
    private final FeatureStreamScorer scorer;
    private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;
    private final MeterRegistry meters;
    private final Counter committed;
    private final Counter aborted;
    private final Map<String, Topic<String, PredictionMade>> topics = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile boolean stopping;
    private volatile String state = "starting";
    private volatile BooleanSupplier ready = () -> true;

    public StreamScoringLoop(Map<String, Object> connection, Settings settings, FeatureStreamScorer scorer,
                             MeterRegistry meters) {
        this(connection, settings, scorer, meters,
                config -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** With a producer factory of the caller's: tests put a producer there that dies between send and commit. */
    StreamScoringLoop(Map<String, Object> connection, Settings settings, FeatureStreamScorer scorer,
                      MeterRegistry meters, Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
        this.connection = Map.copyOf(connection);
        this.settings = settings;
        this.scorer = scorer;
        this.producers = producers;
        this.meters = meters;
        this.committed = meters.counter("flywheel_inference_stream_transactions", "outcome", "committed");
        this.aborted = meters.counter("flywheel_inference_stream_transactions", "outcome", "aborted");
        this.thread = new Thread(this::run, "stream-scoring");
        this.thread.setDaemon(true);
    }

    public void start() {
        startWhen(() -> true);
    }

    /**
     * Starts the thread, which reads nothing until {@code ready} holds (checked every {@value #GATE_MILLIS} ms):
     * the service's models must be loaded first, or the vectors of the first polls would be consumed as
     * {@code no_model} and never scored (found by {@code FaultsIT}: after a {@code kill -9} the backlog polled in the
     * seconds before the champion was reloaded had no prediction).
     */
    public void startWhen(BooleanSupplier ready) {
        this.ready = ready;
        thread.start();
    }

    /** {@code starting}, {@code running}, {@code fenced}, {@code failed} or {@code stopped}. */
    public String state() {
        return state;
    }

    /** Stops after the current transaction (an open one is aborted), bounded; the consumer leaves the group. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.join(CLOSE.toMillis() * 2);
    }

    private void run() {
        while (!stopping && !ready.getAsBoolean()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(GATE_MILLIS));
        }
        if (stopping) {
            state = "stopped";
            return;
        }
        Producer<byte[], byte[]> producer = null;
        try (Consumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(consumerConfig(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             // The consumer's lag (kafka_consumer_fetch_manager_records_lag_max) feeds the consumer-lag alert.
             KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(kafkaConsumer)) {
            consumerMetrics.bindTo(meters);
            consumer = kafkaConsumer;
            producer = newProducer();
            kafkaConsumer.subscribe(settings.topics());
            state = "running";
            LOG.infof("stream scoring: group %s, topics %s, transactional id %s", settings.groupId(),
                    settings.topics(), settings.transactionalId());
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> records = kafkaConsumer.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    transact(producer, kafkaConsumer, records);
                    committed.increment();
                } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                         | UnsupportedVersionException fatal) {
                    throw fatal;
                } catch (KafkaException e) {
                    // Aborted: nothing of this poll counts; it is read again from the committed offsets.
                    aborted.increment();
                    LOG.warnf("stream scoring transaction of %d vectors aborted, they are read again: %s",
                            records.count(), e.toString());
                    producer = abortOrRenew(producer);
                    rewind(kafkaConsumer, records);
                }
            }
            state = "stopped";
        } catch (WakeupException e) {
            state = "stopped";
        } catch (ProducerFencedException e) {
            state = "fenced";
            LOG.errorf("stream scoring stops: transactional id %s was taken by another process (%s); that one scores",
                    settings.transactionalId(), e.getMessage());
        } catch (RuntimeException e) {
            state = "failed";
            LOG.errorf(e, "stream scoring stopped on an error it cannot recover from");
        } finally {
            consumer = null;
            if (producer != null) {
                // An open transaction is aborted by close(); what it sent does not count.
                producer.close(CLOSE);
            }
        }
    }

    private void transact(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> kafkaConsumer,
                          ConsumerRecords<byte[], byte[]> records) {
        List<PredictionMade> predictions = scorer.score(records);
        producer.beginTransaction();
        for (PredictionMade prediction : predictions) {
            producer.send(record(prediction));
        }
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
            next.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        producer.sendOffsetsToTransaction(next, kafkaConsumer.groupMetadata());
        producer.commitTransaction();
    }

    private ProducerRecord<byte[], byte[]> record(PredictionMade prediction) {
        Topic<String, PredictionMade> topic = topics.computeIfAbsent(prediction.pipeline(), Topics::predictions);
        return new ProducerRecord<>(topic.name(),
                topic.keySerde().serializer().serialize(topic.name(), PredictionLog.keyOf(prediction)),
                topic.valueSerde().serializer().serialize(topic.name(), prediction));
    }

    /** Aborts the open transaction; a producer that cannot abort is replaced (its successor aborts it). */
    private Producer<byte[], byte[]> abortOrRenew(Producer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
            return producer;
        } catch (ProducerFencedException e) {
            // A new producer would fence the process that holds the id now, which would fence it back, and so on.
            throw e;
        } catch (KafkaException e) {
            LOG.warnf("stream scoring producer could not abort (%s); a new one takes over", e.toString());
            producer.close(Duration.ZERO);
            return newProducer();
        }
    }

    /**
     * Puts the consumer back to the group's committed offset of each partition of the aborted poll that it still
     * owns. The committed offsets, not the poll's first ones: a commit that timed out may have completed after all,
     * and then the poll must not be scored again. A read_committed consumer's offset fetch waits for pending
     * transactional offsets, so what it returns is settled.
     */
    private static void rewind(Consumer<byte[], byte[]> kafkaConsumer, ConsumerRecords<byte[], byte[]> records) {
        Set<TopicPartition> owned = new HashSet<>(records.partitions());
        owned.retainAll(kafkaConsumer.assignment());
        Map<TopicPartition, OffsetAndMetadata> committed = kafkaConsumer.committed(owned);
        for (TopicPartition partition : owned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                kafkaConsumer.seek(partition, offset);
            } else {
                kafkaConsumer.seekToBeginning(List.of(partition));
            }
        }
    }

    private Producer<byte[], byte[]> newProducer() {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.transactionTimeout().toMillis());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "inference-stream-" + settings.transactionalId());
        Producer<byte[], byte[]> producer = producers.apply(config);
        try {
            // Fences an earlier producer of this id (this instance before a restart) and aborts its open transaction.
            producer.initTransactions();
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        return producer;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        // Stable, unlike the transactional id: it labels the consumer's metrics (lag) across restarts.
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "inference-stream");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        // A pipeline added later is found within this time, not the default five minutes.
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
        return config;
    }
}
