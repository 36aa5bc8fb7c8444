package dev.flywheel.monitor.outcome;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.event.ModelLifecycleEvent;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.monitor.alert.DriftAlerts;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.monitor.concept.ConceptDriftMonitor;
import dev.flywheel.monitor.data.DataDriftMonitor;
import dev.flywheel.monitor.health.LabelTracker;
import dev.flywheel.monitor.review.ReviewQueue;
import dev.flywheel.monitor.config.MonitorConfig;
import dev.flywheel.monitor.drift.AccuracyDriftDetector;
import dev.flywheel.monitor.drift.ServedModels;
import dev.flywheel.monitor.business.GoalTracker;
import dev.flywheel.monitor.business.ValueLedger;
import dev.flywheel.monitor.metrics.QualityBook;
import dev.flywheel.runtime.LogContext;
import dev.flywheel.runtime.DeadLetterPublisher;
import dev.flywheel.runtime.PipelineCatalog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Follows the topics the monitor learns from, on one thread: {@code flywheel.models} ({@link ModelLifecycleEvent}:
 * which version serves, its baseline) and {@code flywheel.drift} (drift already reported) from their
 * beginning, then every pipeline's {@code flywheel.<p>.outcomes} ({@link OutcomeObserved}) from
 * {@code flywheel.monitor.quality.lookback} ago, into the quality windows, the accuracy watch and the
 * concept-drift detector, and its {@code flywheel.<p>.predictions} ({@link PredictionMade}; the latest
 * {@code data.window} of each partition) into data drift and the review queue.
 *
 * <p>Partitions are <b>assigned</b>, not shared in a consumer group: every instance must see every promotion
 * and every outcome of a pipeline, since quality is judged over all of a model's outcomes, not over one
 * partition's share. Nothing is committed; the windows are rebuilt from the topics at start. Models and drift
 * are caught up first, so that outcomes are judged against the right served version and drift reported by an
 * earlier run is not reported again. Reads only committed records: outcomes are written transactionally.
 */
@Singleton
public class MonitorFeed {

    private static final Logger LOG = Logger.getLogger(MonitorFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> kafka;
    private final PipelineCatalog catalog;
    private final MonitorConfig config;
    private final ServedModels served;
    private final DriftAlerts alerts;
    private final AccuracyDriftDetector detector;
    private final QualityBook quality;
    private final ConceptDriftMonitor concept;
    private final DataDriftMonitor data;
    private final LabelTracker labels;
    private final ValueLedger ledger;
    private final GoalTracker goals;
    private final ReviewQueue review;
    private final DeadLetterPublisher deadLetters;
    private final Clock clock = Clock.systemUTC();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean caughtUp;
    private volatile boolean stopping;
    private Thread thread;

    public MonitorFeed(@Identifier("default-kafka-broker") Map<String, Object> kafka, PipelineCatalog catalog,
                       MonitorConfig config, ServedModels served, DriftAlerts alerts, AccuracyDriftDetector detector,
                       QualityBook quality, ConceptDriftMonitor concept,
                       DataDriftMonitor data, LabelTracker labels, ValueLedger ledger, GoalTracker goals,
                       ReviewQueue review, DeadLetterPublisher deadLetters) {
        this.kafka = kafka;
        this.catalog = catalog;
        this.config = config;
        this.served = served;
        this.alerts = alerts;
        this.detector = detector;
        this.quality = quality;
        this.concept = concept;
        this.data = data;
        this.labels = labels;
        this.ledger = ledger;
        this.goals = goals;
        this.review = review;
        this.deadLetters = deadLetters;
    }

    /** After the topics exist (TopicBootstrap observes with priority 1). */
    void start(@Observes @Priority(10) StartupEvent start) {
        consumer = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "monitor-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stopping = true;
        if (consumer != null) {
            consumer.wakeup();
            thread.join(Duration.ofSeconds(10).toMillis());
        }
    }

    /** Whether models and drift have been read up to where they stood at start. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> kafkaConsumer = consumer) {
            Map<String, Consumer<ConsumerRecord<byte[], byte[]>>> handlers = new HashMap<>();
            handlers.put(Topics.models().name(), handler(Topics.models(), this::onModel));
            handlers.put(Topics.drift().name(), handler(Topics.drift(), this::onDrift));

            List<TopicPartition> platform = partitions(kafkaConsumer, List.of(Topics.models(), Topics.drift()));
            kafkaConsumer.assign(platform);
            kafkaConsumer.seekToBeginning(platform);
            Map<TopicPartition, Long> ends = kafkaConsumer.endOffsets(platform);
            while (!stopping && ends.entrySet().stream().anyMatch(end -> kafkaConsumer.position(end.getKey()) < end.getValue())) {
                dispatch(kafkaConsumer, handlers);
            }
            caughtUp = true;
            LOG.infof("models and drift read; served versions known for %s", catalog.all().stream()
                    .filter(spec -> served.served(spec.name()).isPresent()).map(spec -> spec.name()).toList());

            List<Topic<String, OutcomeObserved>> outcomeTopics = catalog.all().stream()
                    .map(spec -> Topics.outcomes(spec.name())).toList();
            outcomeTopics.forEach(topic -> handlers.put(topic.name(), handler(topic, this::onOutcome)));
            List<TopicPartition> outcomes = partitions(kafkaConsumer, outcomeTopics);
            List<Topic<String, PredictionMade>> predictionTopics = catalog.all().stream()
                    .map(spec -> Topics.predictions(spec.name())).toList();
            predictionTopics.forEach(topic -> handlers.put(topic.name(), handler(topic, this::onPrediction)));
            List<TopicPartition> predictions = partitions(kafkaConsumer, predictionTopics);
            List<TopicPartition> all = new ArrayList<>(platform);
            all.addAll(outcomes);
            all.addAll(predictions);
            kafkaConsumer.assign(all);
            seekToLookback(kafkaConsumer, outcomes);
            seekToLatest(kafkaConsumer, predictions, config.data().window());
            while (!stopping) {
                dispatch(kafkaConsumer, handlers);
                judgeGoals();
            }
        } catch (WakeupException expected) {
            // stop() woke the consumer up
        } catch (RuntimeException e) {
            LOG.error("the monitor feed stopped: quality and drift are no longer updated", e);
        }
    }

    private void dispatch(KafkaConsumer<byte[], byte[]> kafkaConsumer,
                          Map<String, Consumer<ConsumerRecord<byte[], byte[]>>> handlers) {
        for (ConsumerRecord<byte[], byte[]> record : kafkaConsumer.poll(POLL)) {
            try {
                handlers.get(record.topic()).accept(record);
            } catch (RuntimeException e) {
                // One unreadable or unexpected record must not stop monitoring: it goes to the dead-letter topic.
                deadLetter(record, e);
            }
        }
    }

    private void judgeGoals() {
        try {
            goals.tick();
        } catch (RuntimeException e) {
            // Goals are a report on the side: a failure to judge them must not stop the feed.
            LOG.warnf(e, "business goals could not be judged: %s", e.getMessage());
        }
    }

    /**
     * Nothing is committed and the topics are read again at every start, so a poison record is dead-lettered again
     * at each start (a reader drops repeats by the origin headers); waiting for the broker keeps the order.
     */
    private void deadLetter(ConsumerRecord<byte[], byte[]> record, RuntimeException error) {
        String reason = "the monitor feed cannot use it: " + (error.getMessage() != null ? error.getMessage()
                : error.getClass().getName());
        try {
            deadLetters.send(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                    record.headers(), reason).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf(e, "skipped %s-%d@%d without a dead letter: %s", record.topic(), record.partition(),
                    record.offset(), reason);
        }
    }

    private void onOutcome(OutcomeObserved outcome) {
        try (LogContext ignored = LogContext.of(LogContext.PIPELINE, outcome.pipeline(), LogContext.MODEL_VERSION,
                outcome.modelVersion(), LogContext.EVENT_ID, outcome.sourceEventId(), LogContext.PREDICTION_ID,
                outcome.predictionId())) {
            quality.record(outcome).ifPresent(window -> detector.onOutcome(outcome, window));
            concept.onOutcome(outcome);
            labels.onOutcome(outcome);
            ledger.onOutcome(outcome);
            review.onOutcome(outcome);
        }
    }

    private void onPrediction(PredictionMade prediction) {
        // The ledger values a shadow challenger's decisions and the rule's on the served prediction's outcome.
        ledger.onPrediction(prediction);
        if (prediction.shadow()) {
            // A challenger's score of a request: the served version's data drift and label lag are about served ones.
            return;
        }
        try (LogContext ignored = LogContext.of(LogContext.PIPELINE, prediction.pipeline(), LogContext.MODEL_VERSION,
                prediction.modelVersion(), LogContext.EVENT_ID, prediction.sourceEventId(), LogContext.PREDICTION_ID,
                prediction.eventId())) {
            data.onPrediction(prediction);
            labels.onPrediction(prediction);
            goals.onPrediction(prediction);
            review.onPrediction(prediction);
        }
    }

    private void onModel(ModelLifecycleEvent event) {
        served.apply(event);
        data.onModel(event);
        if (event instanceof ModelPromoted promoted) {
            alerts.resolveOtherVersions(promoted.pipeline(), promoted.modelVersion());
        }
    }

    private void onDrift(DriftDetected drift) {
        alerts.remember(drift);
        detector.onPublished(drift);
    }

    /** Data drift needs only the latest window of predictions: each partition is read from that far back. */
    private static void seekToLatest(KafkaConsumer<byte[], byte[]> kafkaConsumer, List<TopicPartition> partitions,
                                     int window) {
        Map<TopicPartition, Long> begins = kafkaConsumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> ends = kafkaConsumer.endOffsets(partitions);
        partitions.forEach(partition -> kafkaConsumer.seek(partition,
                Math.max(begins.get(partition), ends.get(partition) - window)));
    }

    private void seekToLookback(KafkaConsumer<byte[], byte[]> kafkaConsumer, List<TopicPartition> partitions) {
        long from = clock.instant().minus(config.quality().lookback()).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = kafkaConsumer.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = kafkaConsumer.endOffsets(partitions);
        partitions.forEach(partition -> {
            OffsetAndTimestamp offset = offsets.get(partition);
            kafkaConsumer.seek(partition, offset != null ? offset.offset() : ends.get(partition));
        });
    }

    private static <V> Consumer<ConsumerRecord<byte[], byte[]>> handler(Topic<String, V> topic, Consumer<V> target) {
        return record -> {
            V value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (value != null) {
                target.accept(value);
            }
        };
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> kafkaConsumer,
                                                   List<? extends Topic<?, ?>> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            kafkaConsumer.partitionsFor(topic.name()).forEach(info ->
                    partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        return partitions;
    }

    /** Connection settings of Quarkus's default Kafka configuration (as TopicPublisher takes them), and ours. */
    private Map<String, Object> consumerConfig() {
        Map<String, Object> consumerConfig = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.")) {
                consumerConfig.put(key, value);
            }
        });
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "flywheel-monitor-feed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return consumerConfig;
    }
}
