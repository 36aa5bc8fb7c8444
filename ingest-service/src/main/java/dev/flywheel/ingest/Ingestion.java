package dev.flywheel.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.contracts.spec.FieldViolation;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.ValidationSpec;
import dev.flywheel.ingest.validate.Admission;
import dev.flywheel.ingest.validate.Deduplicator;
import dev.flywheel.ingest.validate.EventAdmission;
import dev.flywheel.ingest.validate.LabelAdmission;
import dev.flywheel.ingest.validate.ReadRefusal;
import dev.flywheel.runtime.LogContext;
import dev.flywheel.runtime.TopicPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Admits a raw record of any source and publishes the verdict: an accepted event to the pipeline's
 * events (or labels) topic, a rejection to its rejected topic; a duplicate event (same event id within
 * the pipeline's {@code validation.deduplicate.within}) is counted and not published again. The returned
 * stage completes only when the broker acknowledged, so a source acknowledges its producer only then.
 *
 * <p>Metrics: {@code flywheel_ingest_records} (pipeline, kind, source, outcome: accepted, rejected,
 * duplicate), {@code flywheel_ingest_violations} (pipeline, kind, field, rule) per violation of a refused
 * record, {@code flywheel_ingest_duplicates} (pipeline). Prometheus shows counters with {@code _total}.
 */
@Singleton
public class Ingestion {

    private static final Logger LOG = Logger.getLogger(Ingestion.class);

    /** Field tag of undeclared fields: their names come from the sender, so as tags they would be unbounded. */
    static final String UNDECLARED_FIELD_TAG = "(undeclared)";

    private final TopicPublisher publisher;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    /** One per pipeline that deduplicates; replaced when the pipeline's window or bound changes. */
    private final ConcurrentMap<String, Deduplicator> deduplicators = new ConcurrentHashMap<>();
    private final ConcurrentMap<List<Object>, Counter> counters = new ConcurrentHashMap<>();
    /**
     * The per-record counters by pipeline, kind, source and outcome: nested maps of a few strings each, so a lookup
     * builds no key (a key built per record, as for {@link #counters}, was a twentieth of a raw record's cost).
     */
    private final ConcurrentMap<String, ConcurrentMap<String, ConcurrentMap<String, ConcurrentMap<String, Counter>>>>
            recordCounters = new ConcurrentHashMap<>();
    /** By stream ({@code events}, {@code labels}, {@code rejected}), then pipeline. */
    private final ConcurrentMap<String, ConcurrentMap<String, Topic<?, ?>>> topics = new ConcurrentHashMap<>();

    public Ingestion(TopicPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    /**
     * What a source is told about one record once the broker answered: its verdict, and null; or the verdict and
     * why the broker did not store what it was to publish. Runs on the producer's I/O thread, so it must be short:
     * a chain of futures per record there was the largest single cost of a batch (profiled).
     */
    @FunctionalInterface
    public interface Answer<T> {
        void answered(Admission<T> verdict, Throwable failure);
    }

    public CompletionStage<Admission<EventIngested>> event(PipelineSpec spec, String text, String source) {
        return staged(answer -> event(spec, text, source, answer));
    }

    /** An event as the UTF-8 bytes a Kafka client produced. */
    public CompletionStage<Admission<EventIngested>> event(PipelineSpec spec, byte[] utf8, String source) {
        return staged(answer -> event(spec, utf8, source, answer));
    }

    /** An event a streaming reader already parsed. */
    public CompletionStage<Admission<EventIngested>> event(PipelineSpec spec, JsonNode parsed, String source) {
        return event(spec, parsed, null, source);
    }

    /** An event a streaming reader already parsed, with the bytes it took in the input (null when not kept). */
    public CompletionStage<Admission<EventIngested>> event(PipelineSpec spec, JsonNode parsed, byte[] utf8,
                                                           String source) {
        return staged(answer -> event(spec, parsed, utf8, source, answer));
    }

    /** An event as text; {@code answer} hears the verdict once the broker answered. */
    public void event(PipelineSpec spec, String text, String source, Answer<EventIngested> answer) {
        publish(spec, EventAdmission.admit(spec, text, source, clock.instant()), source, answer);
    }

    /** An event as the UTF-8 bytes a Kafka client produced; {@code answer} hears the verdict once the broker answered. */
    public void event(PipelineSpec spec, byte[] utf8, String source, Answer<EventIngested> answer) {
        publish(spec, EventAdmission.admit(spec, utf8, source, clock.instant()), source, answer);
    }

    /**
     * An event a streaming reader already parsed, with the bytes it took in the input (null when not kept);
     * {@code answer} hears the verdict once the broker answered.
     */
    public void event(PipelineSpec spec, JsonNode parsed, byte[] utf8, String source, Answer<EventIngested> answer) {
        publish(spec, EventAdmission.admit(spec, parsed, utf8, source, clock.instant()), source, answer);
    }

    public CompletionStage<Admission<LabelReceived>> label(PipelineSpec spec, String text, String source) {
        return staged(answer -> label(spec, text, source, answer));
    }

    /** A label a streaming reader already parsed. */
    public CompletionStage<Admission<LabelReceived>> label(PipelineSpec spec, JsonNode parsed, String source) {
        return staged(answer -> label(spec, parsed, source, answer));
    }

    /** A label as text; {@code answer} hears the verdict once the broker answered. */
    public void label(PipelineSpec spec, String text, String source, Answer<LabelReceived> answer) {
        publishLabel(spec, LabelAdmission.admit(spec, text, source, clock.instant()), source, answer);
    }

    /** A label a streaming reader already parsed; {@code answer} hears the verdict once the broker answered. */
    public void label(PipelineSpec spec, JsonNode parsed, String source, Answer<LabelReceived> answer) {
        publishLabel(spec, LabelAdmission.admit(spec, parsed, source, clock.instant()), source, answer);
    }

    /**
     * A record refused while it was read, before admission (see {@link ReadRefusal}): counted and kept on the
     * rejected topic like any other refusal; completes when the broker acknowledged.
     *
     * @param kind {@code event} or {@code label}
     */
    public CompletionStage<Admission.Rejected<Void>> refused(PipelineSpec spec, String kind, String source, String raw,
                                                             FieldViolation problem) {
        Admission.Rejected<Void> verdict = ReadRefusal.of(spec, kind, source, raw, problem, clock.instant());
        count(spec, kind, source, verdict);
        return publishRejection(spec, verdict).thenApply(ack -> verdict);
    }

    /** The answer-taking form of a call as a stage, for sources that wait record by record. */
    private static <T> CompletionStage<Admission<T>> staged(Consumer<Answer<T>> call) {
        CompletableFuture<Admission<T>> answered = new CompletableFuture<>();
        call.accept((verdict, failure) -> {
            if (failure != null) {
                answered.completeExceptionally(failure);
            } else {
                answered.complete(verdict);
            }
        });
        return answered;
    }

    private void publish(PipelineSpec spec, Admission<EventIngested> verdict, String source,
                         Answer<EventIngested> answer) {
        if (verdict instanceof Admission.Accepted<EventIngested> accepted) {
            Deduplicator deduplicator = deduplicator(spec);
            String eventId = accepted.event().eventId();
            if (deduplicator != null && !deduplicator.firstSeen(eventId)) {
                Admission.Duplicate<EventIngested> duplicate = new Admission.Duplicate<>(accepted.event());
                count(spec, "event", source, duplicate);
                answer.answered(duplicate, null);
                return;
            }
            count(spec, "event", source, verdict);
            publisher.publish(topic(spec, "events", Topics::events), eventId, accepted.event())
                    .whenComplete((ack, failure) -> {
                        // A producer retries what was not acknowledged; its retry must not be taken for a duplicate.
                        if (failure != null && deduplicator != null) {
                            deduplicator.forget(eventId);
                        }
                        answer.answered(verdict, failure);
                    });
            return;
        }
        count(spec, "event", source, verdict);
        publishRejection(spec, (Admission.Rejected<?>) verdict).whenComplete((ack, failure) -> answer.answered(verdict, failure));
    }

    private void publishLabel(PipelineSpec spec, Admission<LabelReceived> verdict, String source,
                              Answer<LabelReceived> answer) {
        count(spec, "label", source, verdict);
        CompletionStage<?> published = verdict instanceof Admission.Accepted<LabelReceived> accepted
                ? publisher.publish(topic(spec, "labels", Topics::labels), accepted.event().targetEventId(), accepted.event())
                : publishRejection(spec, (Admission.Rejected<?>) verdict);
        published.whenComplete((ack, failure) -> answer.answered(verdict, failure));
    }

    /** The pipeline's deduplicator, or null when it does not deduplicate. */
    private Deduplicator deduplicator(PipelineSpec spec) {
        ValidationSpec validation = spec.validation();
        if (validation.deduplicateWithin().isEmpty()) {
            return null;
        }
        Duration window = validation.deduplicateWithin().get();
        int maxIds = validation.deduplicateMaxIds();
        Deduplicator current = deduplicators.get(spec.name());
        // Looked up without locking first: compute() locks the map's bin on every record.
        if (current != null && current.window().equals(window) && current.maxIds() == maxIds) {
            return current;
        }
        return deduplicators.compute(spec.name(), (name, known) ->
                known != null && known.window().equals(window) && known.maxIds() == maxIds
                        ? known
                        : new Deduplicator(window, maxIds, clock));
    }

    private CompletionStage<?> publishRejection(PipelineSpec spec, Admission.Rejected<?> rejected) {
        if (LOG.isDebugEnabled()) {
            // Per record, so DEBUG: the counters and the rejected topic are the everyday view.
            RecordRejected rejection = rejected.rejection();
            try (LogContext ignored = LogContext.of(LogContext.PIPELINE, spec.name(), LogContext.REJECTION_ID,
                    rejection.eventId())) {
                LOG.debugf("refused %s from %s: %s", rejection.kind(), rejection.source(), rejection.violations().stream()
                        .map(v -> v.field() + " " + v.rule() + ": " + v.reason()).toList());
            }
        }
        return publisher.publish(topic(spec, "rejected", Topics::rejected), spec.name(), rejected.rejection());
    }

    private void count(PipelineSpec spec, String kind, String source, Admission<?> verdict) {
        String outcome = verdict instanceof Admission.Accepted<?> ? "accepted"
                : verdict instanceof Admission.Rejected<?> ? "rejected"
                : "duplicate";
        recordsCounter(spec.name(), kind, source, outcome).increment();
        if (verdict instanceof Admission.Rejected<?> rejected) {
            for (FieldViolation violation : rejected.rejection().violations()) {
                String field = FieldViolation.UNKNOWN_FIELD.equals(violation.rule())
                        ? UNDECLARED_FIELD_TAG
                        : violation.field();
                counter("flywheel_ingest_violations", "pipeline", spec.name(), "kind", kind, "field", field,
                        "rule", violation.rule()).increment();
            }
        } else if (verdict instanceof Admission.Duplicate<?>) {
            counter("flywheel_ingest_duplicates", "pipeline", spec.name()).increment();
        }
    }

    private Counter recordsCounter(String pipeline, String kind, String source, String outcome) {
        ConcurrentMap<String, Counter> byOutcome = known(known(known(recordCounters, pipeline,
                key -> new ConcurrentHashMap<>()), kind, key -> new ConcurrentHashMap<>()), source,
                key -> new ConcurrentHashMap<>());
        return known(byOutcome, outcome, key -> meters.counter("flywheel_ingest_records", "pipeline", pipeline,
                "kind", kind, "source", source, "outcome", outcome));
    }

    /** The map's value for {@code key}, made once: a plain read first, as computeIfAbsent may lock the bin. */
    private static <K, V> V known(ConcurrentMap<K, V> map, K key, Function<K, V> make) {
        V value = map.get(key);
        return value != null ? value : map.computeIfAbsent(key, make);
    }

    /**
     * The counter of that name and tags, looked up in the registry once: the registry's own lookup builds an id and
     * sorts tags on every call, a measurable share of the per-record cost.
     */
    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(List.of(name, List.of(tags)), key -> meters.counter(name, tags));
    }

    /**
     * The pipeline's topic of that kind, built once: a descriptor builds its JSON serde anew each time, about a tenth
     * of the per-record cost when done per record.
     */
    @SuppressWarnings("unchecked")
    private <V> Topic<String, V> topic(PipelineSpec spec, String stream, Function<String, Topic<String, V>> of) {
        return (Topic<String, V>) known(known(topics, stream, key -> new ConcurrentHashMap<>()), spec.name(), of::apply);
    }
}
