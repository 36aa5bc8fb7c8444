package dev.flywheel.ingest.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.SourcePositionSaved;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.SourceSpec;
import dev.flywheel.ingest.source.pull.PullBatch;
import dev.flywheel.ingest.source.pull.PullReader;
import dev.flywheel.ingest.validate.Admission;
import dev.flywheel.ingest.validate.EventAdmission;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Polls one declared source and publishes what it reads: each batch's accepted events to the pipeline's events
 * topic, its rejections to the rejected topic, and the source's new position to {@link Topics#sourcePositions()},
 * all in <b>one Kafka transaction</b>. Readers of those topics with {@code read_committed} therefore see a batch's
 * records exactly when its position is saved; after a crash or restart the source resumes from the last committed
 * position and no record is published twice or lost.
 *
 * <p>The producer's transactional id is {@code flywheel-ingest-<pipeline>-<source>}. A second ingest instance that
 * starts the same source initialises the same id, which fences this one: its next transaction fails with a fencing
 * error, and this runner then stops the source for good (logged, state {@code fenced}), leaving it to the newer
 * instance. Only one instance at a time ever publishes a source.
 *
 * <p>Reads an exhausted source again after its interval and a source with more to give at once; a failed poll
 * (source or broker) is retried after an exponential backoff with jitter, no later than the interval.
 */
public final class SourceRunner {

    private static final Logger LOG = Logger.getLogger(SourceRunner.class);

    private final PipelineSpec pipeline;
    private final SourceSpec source;
    private final PullReader reader;
    private final Map<String, Object> connection;
    private final SourcePositions positions;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final Clock clock;
    private final String origin;

    private final Counter readCount;
    private final Counter acceptedCount;
    private final Counter rejectedCount;
    private final AtomicLong lastSuccessSeconds = new AtomicLong();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    /** This runner's own counts for its status; the meters are shared with any other runner of the source. */
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong acceptedTotal = new AtomicLong();
    private final AtomicLong rejectedTotal = new AtomicLong();
    private final MeterRegistry meters;
    private final List<Gauge> gauges;

    private Producer<byte[], byte[]> producer;
    private volatile Optional<String> position = Optional.empty();
    private ScheduledFuture<?> next;
    private boolean pollAgain;
    private volatile String state = "starting";
    private volatile Instant lastPoll;
    private volatile Instant lastSuccess;
    private volatile Instant nextPoll;
    private volatile String lastError;
    private volatile boolean stopped;

    public SourceRunner(PipelineSpec pipeline, SourceSpec source, PullReader reader, Map<String, Object> connection,
                        SourcePositions positions, ScheduledExecutorService scheduler, Backoff backoff,
                        MeterRegistry meters, Clock clock) {
        this.pipeline = pipeline;
        this.source = source;
        this.reader = reader;
        this.connection = connection;
        this.positions = positions;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.clock = clock;
        this.origin = "source:" + source.name();
        Tags tags = Tags.of("pipeline", pipeline.name(), "source", source.name());
        this.readCount = meters.counter("flywheel_ingest_source_records", tags.and("outcome", "read"));
        this.acceptedCount = meters.counter("flywheel_ingest_source_records", tags.and("outcome", "accepted"));
        this.rejectedCount = meters.counter("flywheel_ingest_source_records", tags.and("outcome", "rejected"));
        this.meters = meters;
        this.gauges = List.of(
                Gauge.builder("flywheel_ingest_source_last_success_seconds", lastSuccessSeconds, AtomicLong::get)
                        .tags(tags).strongReference(true).register(meters),
                Gauge.builder("flywheel_ingest_source_consecutive_failures", consecutiveFailures, AtomicInteger::get)
                        .tags(tags).strongReference(true).register(meters));
    }

    /** The transactional id of a source; the same on every instance, which is what fences a duplicate. */
    public static String transactionalId(String pipeline, String source) {
        return "flywheel-ingest-" + pipeline + "-" + source;
    }

    public String name() {
        return source.name();
    }

    public SourceSpec source() {
        return source;
    }

    /** Starts polling: at once, then by the source's interval. */
    public synchronized void start() {
        schedule(Duration.ZERO);
    }

    /** Polls as soon as possible (after the poll in progress, if any), whatever the interval says. */
    public synchronized void pollNow() {
        if (stopped) {
            return;
        }
        if (next != null && next.cancel(false)) {
            schedule(Duration.ZERO);
        } else {
            pollAgain = true;
        }
    }

    /** Stops polling and closes the producer and reader; a transaction in progress is aborted by the broker. */
    public void stop() {
        synchronized (this) {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        }
        synchronized (reader) {
            closeProducer();
            try {
                reader.close();
            } catch (Exception e) {
                LOG.debugf("closing the reader of %s: %s", origin, e);
            }
            if (!state.equals("fenced") && !state.equals("failed")) {
                state = "stopped";
            }
        }
        // A source started again (or by another runner) counts afresh.
        List.of(readCount, acceptedCount, rejectedCount).forEach(meters::remove);
        gauges.forEach(meters::remove);
    }

    public SourceStatus status() {
        return new SourceStatus(source.name(), source.type().keyword(), state, lastPoll, lastSuccess,
                stopped ? null : nextPoll, position.orElse(null), read.get(), acceptedTotal.get(),
                rejectedTotal.get(), consecutiveFailures.get(), lastError);
    }

    private synchronized void schedule(Duration delay) {
        if (stopped) {
            return;
        }
        nextPoll = clock.instant().plus(delay);
        next = scheduler.schedule(this::cycle, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One poll; runs on the scheduler, never twice at once for a source (the reader is its lock). */
    private void cycle() {
        Duration wait;
        synchronized (reader) {
            if (stopped) {
                return;
            }
            wait = pollOnce();
        }
        synchronized (this) {
            if (pollAgain) {
                pollAgain = false;
                wait = Duration.ZERO;
            }
        }
        if (wait != null) {
            schedule(wait);
        }
    }

    /** How long to wait before the next poll; null when the source must not be polled again. */
    private Duration pollOnce() {
        lastPoll = clock.instant();
        try {
            if (producer == null) {
                state = "starting";
                open();
            }
            state = "polling";
            PullBatch batch = reader.read(position);
            publish(batch);
            lastSuccess = clock.instant();
            lastSuccessSeconds.set(lastSuccess.getEpochSecond());
            consecutiveFailures.set(0);
            lastError = null;
            state = "idle";
            return batch.exhausted() ? source.interval() : Duration.ZERO;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            fenced(e);
            return null;
        } catch (KafkaException e) {
            if (fencing(e)) {
                fenced(e);
                return null;
            }
            // The transaction may be half done: drop the producer, a new one aborts it when it starts.
            closeProducer();
            return failed(e, "Kafka: " + e.getMessage());
        } catch (Exception e) {
            return failed(e, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void open() throws Exception {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(pipeline.name(), source.name()));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "flywheel-source-" + pipeline.name() + "-" + source.name());
        KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer());
        try {
            // Fences any earlier producer of this source (another instance, or this one before a restart) and
            // completes its open transaction, so the position read next is the last one that counts.
            created.initTransactions();
            position = positions.latest(pipeline.name(), source.name()).map(SourcePositionSaved::position);
        } catch (Exception e) {
            created.close(Duration.ofSeconds(5));
            throw e;
        }
        producer = created;
        LOG.infof("source %s of pipeline %s starts %s", source.name(), pipeline.name(),
                position.map(p -> "after position " + p).orElse("from the beginning"));
    }

    private void publish(PullBatch batch) {
        if (batch.records().isEmpty() && batch.position().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        int accepted = 0;
        int rejected = 0;
        producer.beginTransaction();
        for (ObjectNode record : batch.records()) {
            Admission<EventIngested> verdict = EventAdmission.admit(pipeline, record.toString(), origin, now);
            Optional<ProducerRecord<byte[], byte[]>> out = recordFor(verdict);
            out.ifPresent(producer::send);
            if (verdict instanceof Admission.Accepted<?>) {
                accepted++;
            } else if (verdict instanceof Admission.Rejected<?>) {
                rejected++;
            }
        }
        batch.position().ifPresent(text -> producer.send(record(Topics.sourcePositions(),
                SourcePositionSaved.key(pipeline.name(), source.name()),
                SourcePositionSaved.of(pipeline.name(), source.name(), text, batch.records().size(), now))));
        producer.commitTransaction();
        batch.position().ifPresent(text -> position = Optional.of(text));
        readCount.increment(batch.records().size());
        acceptedCount.increment(accepted);
        rejectedCount.increment(rejected);
        read.addAndGet(batch.records().size());
        acceptedTotal.addAndGet(accepted);
        rejectedTotal.addAndGet(rejected);
    }

    /**
     * Where a verdict is published: an accepted event to the events topic, a rejection to the rejected topic.
     * Verdicts of other kinds (say, a duplicate) are not published.
     */
    private Optional<ProducerRecord<byte[], byte[]>> recordFor(Admission<EventIngested> verdict) {
        if (verdict instanceof Admission.Accepted<EventIngested> accepted) {
            return Optional.of(record(Topics.events(pipeline.name()), accepted.event().eventId(), accepted.event()));
        }
        if (verdict instanceof Admission.Rejected<EventIngested> refused) {
            return Optional.of(record(Topics.rejected(pipeline.name()), pipeline.name(), refused.rejection()));
        }
        return Optional.empty();
    }

    private static <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value) {
        return new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    private Duration failed(Exception e, String message) {
        int failures = consecutiveFailures.incrementAndGet();
        lastError = message;
        state = "backing_off";
        Duration wait = backoff.delay(failures);
        wait = wait.compareTo(source.interval()) > 0 ? source.interval() : wait;
        LOG.warnf("source %s of pipeline %s failed (%d in a row), next try in %d ms: %s", source.name(),
                pipeline.name(), failures, wait.toMillis(), message);
        LOG.debug("failure detail", e);
        return wait;
    }

    private void fenced(Exception e) {
        state = "fenced";
        lastError = "fenced: another instance runs this source (" + e.getClass().getSimpleName() + ")";
        stopped = true;
        LOG.warnf("source %s of pipeline %s is now run by another ingest instance (transactional id %s was fenced);"
                + " this instance stops it", source.name(), pipeline.name(),
                transactionalId(pipeline.name(), source.name()));
        closeProducer();
    }

    private static boolean fencing(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (KafkaException e) {
                LOG.debugf("closing the producer of %s: %s", origin, e);
            }
            producer = null;
        }
    }
}
