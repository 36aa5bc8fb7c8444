package dev.flywheel.ingest.source;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.ingest.Ingestion;
import dev.flywheel.runtime.KafkaClientConfig;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.TopicPublisher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Validates what any Kafka client (Java, kcat, Python) produced to a pipeline's raw topics, exactly like HTTP input:
 * consumes {@code flywheel.<p>.events.raw} and {@code flywheel.<p>.labels.raw} of every pipeline (one pattern
 * subscription, group {@code ingest-service}) and produces each record's verdict through {@link Ingestion} (the
 * pipeline's events, labels or rejected topic). A record whose topic names no loaded pipeline goes, bytes and headers
 * unchanged, to {@code flywheel.deadletter} with {@code dead-letter-reason}, {@code -topic}, {@code -partition} and
 * {@code -offset} headers.
 *
 * <p>{@link RawTopicsConfig#consumers()} consumers of the group, a thread each, poll and judge (one thread alone
 * was CPU-bound); the broker's acknowledgements arrive on the producer's thread. Per consumer, up to
 * {@link RawTopicsConfig#pollsInFlight()} polls may await them while the next poll is judged (waiting for each poll
 * left the service idle for a round trip per poll). At-least-once: offsets are committed, asynchronously, only up to
 * the end of the oldest polls whose verdicts were all acknowledged; a crash re-reads rather than loses, and the
 * duplicate keeps its event id for consumers to drop. When a publication fails after the producer's own retries,
 * nothing more is committed: the consumer goes back to the committed offsets and reads again after a backoff.
 *
 * <p>Metric: {@code flywheel_ingest_raw_lag} (records on the assigned raw partitions not yet read); the records
 * judged are counted by {@link Ingestion} with {@code source="kafka"}.
 */
@Singleton
public class RawTopicsLoop {

    private static final Logger LOG = Logger.getLogger(RawTopicsLoop.class);
    /** What the consumer subscribes to; a name that {@link #RAW_TOPIC} then refuses is dead-lettered. */
    private static final Pattern SUBSCRIPTION = Pattern.compile("flywheel\\.[a-z0-9-]+\\.(events|labels)\\.raw");
    private static final Pattern RAW_TOPIC = Pattern.compile("flywheel\\.([a-z0-9][a-z0-9-]*)\\.(events|labels)\\.raw");
    private static final String GROUP = "ingest-service";
    private static final String SOURCE = "kafka";
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration REVOKE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    /** Where the loop is; only the loop thread writes it. */
    public enum State { STOPPED, RUNNING, BACKING_OFF, DIED }

    private final RawTopicsConfig config;
    private final PipelineCatalog catalog;
    private final Ingestion ingestion;
    private final TopicPublisher publisher;
    private final Map<String, Object> consumerConfig;
    private final Backoff backoff;
    // Replaced whole by start(); read by the health check and the lag gauge on other threads.
    private volatile List<Member> members = List.of();
    /** Raw topic name to its route, worked out once per topic rather than by a regex per record. */
    private final Map<String, RawRoute> routes = new ConcurrentHashMap<>();

    public RawTopicsLoop(RawTopicsConfig config, PipelineCatalog catalog, Ingestion ingestion, TopicPublisher publisher,
                         @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry meters) {
        this.config = config;
        this.catalog = catalog;
        this.ingestion = ingestion;
        this.publisher = publisher;
        this.backoff = new Backoff(config.backoffInitial(), config.backoffMax());
        Map<String, Object> settings = KafkaClientConfig.connection(kafka);
        // The group of the SmallRye channels this loop replaced, so offsets they committed carry over.
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A pipeline added later is found within this time, not the default five minutes.
        settings.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        this.consumerConfig = settings;
        Gauge.builder("flywheel_ingest_raw_lag", this, loop -> loop.members.stream().mapToLong(Member::lag).sum())
                .description("records on the assigned raw-topic partitions not read yet")
                .register(meters);
    }

    /** After {@code TopicBootstrap} (priority 1) created the pipelines' topics. */
    void onStart(@Observes @Priority(200) StartupEvent start) {
        if (!config.enabled()) {
            LOG.info("raw topics are not consumed (flywheel.ingest.raw-topics.enabled=false)");
            return;
        }
        start();
    }

    /** Before the producer closes, so in-flight verdicts can still be acknowledged and committed. */
    void onStop(@Observes ShutdownEvent stop) {
        stop();
    }

    /** Starts consuming (again) from the group's committed offsets; does nothing when running. */
    public synchronized void start() {
        if (members.stream().anyMatch(Member::alive)) {
            return;
        }
        List<Member> started = new ArrayList<>();
        for (int i = 1; i <= config.consumers(); i++) {
            Member member = new Member("flywheel-raw-topics-" + i);
            started.add(member);
            member.start();
        }
        members = List.copyOf(started);
    }

    /**
     * Stops consuming: waits (bounded) for the in-flight verdicts, commits what was acknowledged, closes the consumers
     * and returns when their threads have ended.
     */
    public synchronized void stop() {
        members.forEach(Member::signalStop);
        members.forEach(Member::join);
    }

    /** The worst state of the consumers: died, backing off, running, stopped. */
    public State state() {
        return members.stream().map(Member::state).max(Comparator.naturalOrder()).orElse(State.STOPPED);
    }

    private PollInFlight judgeAll(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        // One future per poll, completed by a count of the broker's answers: a future per record and allOf over
        // them cost more on the producer's I/O thread than the publication itself (profiled).
        PollAnswers answers = new PollAnswers(records.count());
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> polled = records.records(partition);
            for (ConsumerRecord<byte[], byte[]> record : polled) {
                try {
                    judge(record, answers);
                } catch (RuntimeException e) {
                    answers.failed(e);
                }
            }
            next.put(partition, new OffsetAndMetadata(polled.get(polled.size() - 1).offset() + 1));
        }
        return new PollInFlight(next, answers.all());
    }

    private void judge(ConsumerRecord<byte[], byte[]> record, PollAnswers answers) {
        RawRoute route = routes.computeIfAbsent(record.topic(), RawTopicsLoop::route);
        Optional<PipelineSpec> spec = route == RawRoute.NONE ? Optional.empty() : catalog.find(route.pipeline());
        if (spec.isEmpty()) {
            deadLetter(record, "no pipeline spec for topic " + record.topic())
                    .whenComplete((ack, failure) -> answers.answered(failure));
            return;
        }
        // A tombstone has no bytes; judged as empty, it is rejected like any unreadable record.
        byte[] value = record.value() == null ? new byte[0] : record.value();
        if (route.events()) {
            ingestion.event(spec.get(), value, SOURCE, (verdict, failure) -> answers.answered(failure));
        } else {
            ingestion.label(spec.get(), new String(value, StandardCharsets.UTF_8), SOURCE,
                    (verdict, failure) -> answers.answered(failure));
        }
    }

    /** The pipeline and kind a raw topic's name says, or {@link RawRoute#NONE}. */
    private static RawRoute route(String topic) {
        Matcher name = RAW_TOPIC.matcher(topic);
        return name.matches() ? new RawRoute(name.group(1), name.group(2).equals("events")) : RawRoute.NONE;
    }

    /** Where a raw topic's records go: the pipeline its name says, events or labels. */
    private record RawRoute(String pipeline, boolean events) {
        static final RawRoute NONE = new RawRoute("", false);
    }

    private CompletionStage<?> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        LOG.warnf("record %s-%d@%d names no loaded pipeline; sent to the dead-letter topic", record.topic(),
                record.partition(), record.offset());
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(headers::add);
        headers.add(header("dead-letter-reason", reason));
        headers.add(header("dead-letter-topic", record.topic()));
        headers.add(header("dead-letter-partition", Integer.toString(record.partition())));
        headers.add(header("dead-letter-offset", Long.toString(record.offset())));
        return publisher.publish(Topics.deadLetter(), record.key(), record.value(), headers);
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** One consumer of the group on its own thread, with the polls it awaits acknowledgement for. */
    private final class Member {

        private final String name;
        private final Consumer<byte[], byte[]> consumer;
        private final Thread thread;
        private final Deque<PollInFlight> inFlight = new ArrayDeque<>();
        private final AtomicLong lag = new AtomicLong();
        private int failures;
        private boolean rewindPending;
        private volatile boolean running = true;
        private volatile State state = State.RUNNING;

        Member(String name) {
            this.name = name;
            Map<String, Object> settings = new HashMap<>(consumerConfig);
            settings.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
            this.consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.thread = new Thread(this::run, name);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        boolean alive() {
            return thread.isAlive();
        }

        State state() {
            return state;
        }

        long lag() {
            return lag.get();
        }

        void signalStop() {
            running = false;
            consumer.wakeup();
        }

        void join() {
            try {
                thread.join(config.shutdownTimeout().plusSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warnf("%s did not end in time; its uncommitted records will be read again", name);
            }
        }

        private void run() {
            try {
                consumer.subscribe(SUBSCRIPTION, new CommitBeforeRevoke());
                while (running) {
                    try {
                        step();
                    } catch (WakeupException wakeup) {
                        if (running) {
                            throw wakeup;
                        }
                    } catch (RuntimeException e) {
                        fail(e);
                    }
                }
            } catch (WakeupException stopping) {
                // stop() while backing off
            } catch (RuntimeException | Error e) {
                state = State.DIED;
                LOG.errorf(e, "%s died; its raw-topic partitions go to the other consumers, if any", name);
                return;
            } finally {
                finish();
            }
            state = State.STOPPED;
        }

        /** One poll: judge its records, commit what the broker acknowledged, wait when too much awaits it. */
        private void step() {
            if (rewindPending) {
                rewind();
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
            if (!records.isEmpty()) {
                inFlight.addLast(judgeAll(records));
            }
            commitAcknowledged();
            while (running && inFlight.size() >= config.pollsInFlight()) {
                awaitOldest(POLL_TIMEOUT);
                commitAcknowledged();
            }
            lag.set(currentLag());
        }

        /**
         * Commits up to the end of the oldest polls that were fully acknowledged (later ones wait for them).
         *
         * @throws VerdictsNotPublished when the oldest poll has a verdict the broker refused
         */
        private void commitAcknowledged() {
            Map<TopicPartition, OffsetAndMetadata> acknowledged = takeAcknowledged();
            if (!inFlight.isEmpty() && inFlight.peekFirst().failed()) {
                throw new VerdictsNotPublished(causeOf(inFlight.peekFirst()));
            }
            if (!acknowledged.isEmpty()) {
                failures = 0;
                consumer.commitAsync(acknowledged, (offsets, error) -> {
                    if (error != null) {
                        // A later commit covers these offsets; at worst a restart reads them again.
                        LOG.warnf("committing raw-topic offsets failed: %s", error.getMessage());
                    }
                });
            }
        }

        /** Removes the acknowledged polls at the head of the queue; their offsets, the later ones winning. */
        private Map<TopicPartition, OffsetAndMetadata> takeAcknowledged() {
            Map<TopicPartition, OffsetAndMetadata> acknowledged = new HashMap<>();
            while (!inFlight.isEmpty() && inFlight.peekFirst().succeeded()) {
                acknowledged.putAll(inFlight.removeFirst().nextOffsets());
            }
            return acknowledged;
        }

        private void awaitOldest(Duration timeout) {
            try {
                inFlight.peekFirst().acknowledged().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException settledOrNot) {
                // The caller looks at the outcome.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }

        /**
         * Gives up the uncommitted work: the consumer reads again from the committed offsets after a backoff. In-flight
         * verdicts may still be published; their records are judged again (at-least-once).
         */
        private void fail(RuntimeException e) {
            failures++;
            inFlight.clear();
            rewindPending = true;
            Duration delay = backoff.delay(failures);
            LOG.errorf("raw-topic verdicts could not be published (failure %d: %s); reading again from the committed "
                    + "offsets in %d ms", failures, e.getMessage(), delay.toMillis());
            backOff(delay);
        }

        /** Waits while staying in the group: polls with every partition paused return nothing. */
        private void backOff(Duration delay) {
            state = State.BACKING_OFF;
            long deadline = System.nanoTime() + delay.toNanos();
            try {
                consumer.pause(consumer.assignment());
                while (running && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofNanos(Math.min(deadline - System.nanoTime(), POLL_TIMEOUT.toNanos())));
                }
                consumer.resume(consumer.paused());
            } catch (WakeupException stopping) {
                throw stopping;
            } catch (KafkaException unreachable) {
                LockSupport.parkNanos(Math.max(0, deadline - System.nanoTime()));
            }
            state = State.RUNNING;
        }

        /** Moves every assigned partition back to its committed offset (the beginning when it has none). */
        private void rewind() {
            Set<TopicPartition> assigned = consumer.assignment();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, COMMIT_TIMEOUT);
            for (TopicPartition partition : assigned) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset);
                }
            }
            rewindPending = false;
            LOG.infof("raw topics read again from the committed offsets of %d partitions", assigned.size());
        }

        /** Waits (bounded) for the in-flight verdicts and commits the acknowledged ones synchronously. */
        private void settle(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (PollInFlight poll : inFlight) {
                try {
                    poll.acknowledged().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException notAll) {
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            Map<TopicPartition, OffsetAndMetadata> acknowledged = takeAcknowledged();
            inFlight.clear();
            if (acknowledged.isEmpty()) {
                return;
            }
            try {
                consumer.commitSync(acknowledged, COMMIT_TIMEOUT);
            } catch (WakeupException lateWakeup) {
                // stop() woke the consumer while it was not blocked; the wake-up is spent now.
                consumer.commitSync(acknowledged, COMMIT_TIMEOUT);
            }
        }

        private void finish() {
            try {
                settle(config.shutdownTimeout());
            } catch (KafkaException e) {
                LOG.warnf("last commit of raw-topic offsets failed (%s); those records will be read again", e.getMessage());
            } finally {
                consumer.close(Duration.ofSeconds(5));
                lag.set(0);
            }
        }

        private long currentLag() {
            long total = 0;
            for (TopicPartition partition : consumer.assignment()) {
                OptionalLong partitionLag = consumer.currentLag(partition);
                total += partitionLag.orElse(0);
            }
            return total;
        }

        /** Commits what was acknowledged before a rebalance hands partitions to another member. */
        private final class CommitBeforeRevoke implements ConsumerRebalanceListener {

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty() && !inFlight.isEmpty()) {
                    settle(REVOKE_TIMEOUT);
                }
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                // Another member owns them already: committing would fail, and it reads them again anyway.
                inFlight.clear();
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                LOG.debugf("raw-topic partitions assigned: %s", partitions);
            }
        }
    }

    private static Throwable causeOf(PollInFlight poll) {
        try {
            poll.acknowledged().join();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    /** The broker refused a verdict (after the producer's own retries). */
    static final class VerdictsNotPublished extends RuntimeException {
        VerdictsNotPublished(Throwable cause) {
            super("a verdict was not acknowledged: " + (cause == null ? "unknown" : cause.getMessage()), cause);
        }
    }
}
