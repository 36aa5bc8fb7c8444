package dev.flywheel.inference.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.runtime.LogContext;
import dev.flywheel.inference.config.InferenceConfig;
import dev.flywheel.runtime.KafkaClientConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;

/**
 * Logs every prediction as {@link PredictionMade} on {@code flywheel.<pipeline>.predictions}, keyed by the
 * event it was made for (so it joins that event's label without repartitioning), or by the prediction id
 * when the caller named no event.
 *
 * <p>Sending never blocks the caller and never fails it: {@link #publish} puts the record on a lock-free queue
 * and returns; one sending thread ({@code prediction-log}) drains it, because Kafka's {@code send()} itself can
 * block (the first record of a topic waits for its metadata; a full buffer while the broker is away waits up to
 * {@code max.block.ms}), and the single-row HTTP path runs on the event loop. The caller allocates no future and
 * wakes the sender only when it sleeps (an idle queue): under load the sender drains record after record with
 * no hand-off per record, which on a small machine cost more than the send. A record is counted when the broker
 * acknowledged it ({@code flywheel_inference_predictions_published{outcome="ok"}}), or when its send failed or it
 * was dropped because {@value #QUEUE} records were waiting ({@code outcome="failed"}, also logged). HTTP answers
 * do not wait for it. The stream scorer does not come through here: it writes its predictions in its own Kafka
 * transaction ({@link StreamScoringLoop}). At shutdown the queue is sent before the producer closes (bounded
 * wait).
 */
@Singleton
public class PredictionLog {

    private static final Logger LOG = Logger.getLogger(PredictionLog.class);
    /** While the broker is down every send fails; one log line per this period is enough. */
    private static final long FAILURE_LOG_PERIOD_NANOS = 10_000_000_000L;
    /** The sender re-checks the queue at least this often even if a wake-up were lost. */
    private static final long IDLE_PARK_NANOS = 100_000_000L;
    static final int QUEUE = 100_000;

    private final Producer<byte[], byte[]> producer;
    private final MeterRegistry meters;
    private final AtomicLong lastFailureLogged = new AtomicLong(System.nanoTime() - FAILURE_LOG_PERIOD_NANOS);
    /** Topic descriptors (with their serdes) and counters are built once per pipeline, not per record. */
    private final Map<String, Topic<String, PredictionMade>> topics = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<PredictionMade> queue = new ConcurrentLinkedQueue<>();
    /** Records queued and not yet taken by the sender: the bound of {@link #queue}, which has no size of its own. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Set by the sender just before it parks on an empty queue; callers unpark it only then. */
    private volatile boolean senderIdle;
    private volatile boolean running = true;
    private final Thread sender;

    @Inject
    public PredictionLog(@Identifier("default-kafka-broker") Map<String, Object> kafka, InferenceConfig config,
                         MeterRegistry meters) {
        this(kafka, config.predictionLog().linger(), meters);
    }

    /**
     * @param kafka  the connection settings (bootstrap servers, security)
     * @param linger how long the producer gathers predictions into one request to the broker
     */
    public PredictionLog(Map<String, Object> kafka, Duration linger, MeterRegistry meters) {
        this.meters = meters;
        this.producer = new KafkaProducer<>(producerConfig(kafka, linger), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.sender = new Thread(this::sendQueued, "prediction-log");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * A producer of its own rather than the service's shared {@code TopicPublisher} (2 ms linger): nobody waits for
     * the log, so it gathers predictions longer into fewer, fuller requests, and the broker, which shares the
     * machine, spends far less per prediction. Acknowledged on all in-sync replicas, idempotent, like every log.
     */
    private static Map<String, Object> producerConfig(Map<String, Object> kafka, Duration linger) {
        Map<String, Object> config = new HashMap<>(KafkaClientConfig.connection(kafka));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "flywheel-prediction-log");
        return config;
    }

    /** Queues the prediction for the log and returns at once. */
    public void publish(PredictionMade prediction) {
        if (!running || queued.incrementAndGet() > QUEUE) {
            if (running) {
                queued.decrementAndGet();
            }
            failed(prediction, new IllegalStateException(running ? "the prediction log's queue (" + QUEUE
                    + " records) is full: the broker is not keeping up or is away" : "the service is stopping"));
            return;
        }
        queue.offer(prediction);
        // Paired with the sender's write of senderIdle before its last look at the queue: either it sees this
        // record, or this sees it idle and wakes it.
        if (senderIdle) {
            LockSupport.unpark(sender);
        }
    }

    /** The key of a logged prediction: the event it was made for, else its own id. */
    static String keyOf(PredictionMade prediction) {
        return prediction.sourceEventId() != null ? prediction.sourceEventId() : prediction.eventId();
    }

    private void sendQueued() {
        while (true) {
            PredictionMade prediction = queue.poll();
            if (prediction != null) {
                queued.decrementAndGet();
                send(prediction);
                continue;
            }
            if (!running) {
                return;
            }
            senderIdle = true;
            if (queue.isEmpty() && running) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
            senderIdle = false;
        }
    }

    private void send(PredictionMade prediction) {
        try {
            Topic<String, PredictionMade> topic = topic(prediction.pipeline());
            byte[] key = topic.keySerde().serializer().serialize(topic.name(), keyOf(prediction));
            byte[] value = topic.valueSerde().serializer().serialize(topic.name(), prediction);
            producer.send(new ProducerRecord<>(topic.name(), key, value), (metadata, error) -> {
                if (error == null) {
                    counter(prediction.pipeline(), "ok").increment();
                } else {
                    failed(prediction, error);
                }
            });
        } catch (RuntimeException error) {
            // send() itself throws on serialisation errors or a full buffer that did not drain in max.block.ms.
            failed(prediction, error);
        }
    }

    private Topic<String, PredictionMade> topic(String pipeline) {
        return topics.computeIfAbsent(pipeline, Topics::predictions);
    }

    private void failed(PredictionMade prediction, Throwable error) {
        counter(prediction.pipeline(), "failed").increment();
        long now = System.nanoTime();
        long last = lastFailureLogged.get();
        if (now - last >= FAILURE_LOG_PERIOD_NANOS && lastFailureLogged.compareAndSet(last, now)) {
            try (LogContext ignored = LogContext.of(LogContext.PIPELINE, prediction.pipeline(),
                    LogContext.MODEL_VERSION, prediction.modelVersion(), LogContext.EVENT_ID, prediction.sourceEventId(),
                    LogContext.PREDICTION_ID, prediction.eventId())) {
                LOG.warnf(error, "prediction %s of pipeline %s could not be logged to %s (the caller got its answer; "
                                + "see flywheel_inference_predictions_published{outcome=\"failed\"} for how many since)",
                        prediction.eventId(), prediction.pipeline(), Topics.predictions(prediction.pipeline()).name());
            }
        }
    }

    private Counter counter(String pipeline, String outcome) {
        return counters.computeIfAbsent(pipeline + "/" + outcome, key -> meters.counter(
                "flywheel_inference_predictions_published", "pipeline", pipeline, "outcome", outcome));
    }

    /** Sends what is queued (the producer then flushes it when it closes); bounded, since the broker may be gone. */
    @PreDestroy
    void drain() throws InterruptedException {
        running = false;
        LockSupport.unpark(sender);
        sender.join(10_000);
        if (sender.isAlive()) {
            LOG.warnf("%d predictions were still queued for the log at shutdown and are dropped", queued.get());
        }
        // Bounded: at shutdown the broker may already be gone, and unsent records would block forever.
        producer.close(Duration.ofSeconds(10));
    }
}
