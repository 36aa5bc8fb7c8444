package dev.flywheel.monitor.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.monitor.config.MonitorConfig;
import dev.flywheel.runtime.KafkaClientConfig;
import io.smallrye.common.annotation.Identifier;

/**
 * Builds a pipeline's {@link Reconciliation} from the topics' data, not from the services' counters: counters
 * start at zero when a service restarts and count per instance, while the topics hold what every consumer
 * downstream will see, across restarts, crashes and scale-out. Reads each topic once, start to current end.
 */
@Singleton
public class Reconciler {

    private final TopicScan scan;
    private final Duration timeout;
    private final long maxRecords;

    @Inject
    public Reconciler(@Identifier("default-kafka-broker") Map<String, Object> kafka, MonitorConfig config) {
        this(KafkaClientConfig.connection(kafka), config.reconcile().timeout(), config.reconcile().maxRecords());
    }

    /** @param connection bootstrap servers and security settings of the Kafka clients it makes */
    Reconciler(Map<String, Object> connection, Duration timeout, long maxRecords) {
        this.scan = new TopicScan(connection);
        this.timeout = timeout;
        this.maxRecords = maxRecords;
    }

    /**
     * @param pipeline the pipeline's name as the spec gives it
     * @param eventIds ids to report one by one (may be empty)
     * @param sample   how many duplicate or missing ids each stream lists
     * @throws ReconciliationTimeout when the topics are not read within the configured timeout
     */
    public Reconciliation reconcile(String pipeline, Collection<String> eventIds, int sample) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long max = maxRecords;
        boolean truncated = false;

        TopicScan.Outcome raw = scan.read(Topics.rawEvents(pipeline), max, deadline, value -> { });
        truncated |= raw.truncated();

        IdTally events = new IdTally();
        truncated |= scan.read(Topics.events(pipeline), max, deadline, event -> {
            if (event == null) {
                events.unreadable();
            } else {
                events.add(event.eventId());
            }
        }).truncated();

        AtomicLong rejected = new AtomicLong();
        truncated |= scan.read(Topics.rejected(pipeline), max, deadline, rejection -> {
            if (rejection == null || !"label".equals(rejection.kind())) {
                rejected.incrementAndGet();
            }
        }).truncated();

        IdTally labels = new IdTally();
        truncated |= scan.read(Topics.labels(pipeline), max, deadline, label -> {
            if (label == null) {
                labels.unreadable();
            } else {
                labels.add(label.targetEventId());
            }
        }).truncated();

        IdTally features = new IdTally();
        truncated |= scan.read(Topics.features(pipeline), max, deadline, vector -> {
            if (vector == null) {
                features.unreadable();
            } else {
                features.add(vector.sourceEventId());
            }
        }).truncated();

        IdTally predictions = new IdTally();
        AtomicLong shadow = new AtomicLong();
        truncated |= scan.read(Topics.predictions(pipeline), max, deadline, prediction -> {
            if (prediction == null) {
                predictions.unreadable();
            } else if (prediction.shadow()) {
                shadow.incrementAndGet();
            } else {
                predictions.add(prediction.sourceEventId());
            }
        }).truncated();

        IdTally outcomes = new IdTally();
        IdTally outcomesByEvent = new IdTally();
        truncated |= scan.read(Topics.outcomes(pipeline), max, deadline, (OutcomeObserved outcome) -> {
            if (outcome == null) {
                outcomes.unreadable();
            } else {
                outcomes.add(outcome.predictionId());
                outcomesByEvent.add(outcome.sourceEventId());
            }
        }).truncated();

        StreamCount eventCount = events.summary(null, sample);
        StreamCount featureCount = features.summary(events.ids(), sample);
        StreamCount predictionCount = predictions.summary(features.ids(), sample);
        StreamCount outcomeCount = outcomes.summary(null, sample);
        boolean balanced = eventCount.duplicateIds() == 0 && featureCount.duplicateIds() == 0
                && featureCount.missing() == 0 && predictionCount.duplicateIds() == 0
                && outcomeCount.duplicateIds() == 0;

        Map<String, Reconciliation.IdCounts> perId = new LinkedHashMap<>();
        for (String id : eventIds) {
            perId.put(id, new Reconciliation.IdCounts(events.count(id), features.count(id), predictions.count(id),
                    outcomesByEvent.count(id), labels.count(id)));
        }
        return new Reconciliation(pipeline, Instant.now(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), raw.records(), eventCount, rejected.get(),
                labels.summary(null, sample), featureCount, predictionCount, shadow.get(), outcomeCount, balanced,
                truncated, perId);
    }
}
