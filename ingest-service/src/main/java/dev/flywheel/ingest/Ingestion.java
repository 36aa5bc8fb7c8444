package dev.flywheel.ingest;

import java.time.Clock;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Singleton;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.ingest.validate.Admission;
import dev.flywheel.ingest.validate.EventAdmission;
import dev.flywheel.ingest.validate.LabelAdmission;
import dev.flywheel.runtime.TopicPublisher;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Admits a raw record of any source and publishes the verdict: an accepted event to the pipeline's
 * events (or labels) topic, a rejection to its rejected topic. The returned stage completes only
 * when the broker acknowledged, so a source acknowledges its producer only then.
 */
@Singleton
public class Ingestion {

    private final TopicPublisher publisher;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public Ingestion(TopicPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    public CompletionStage<Admission<EventIngested>> event(PipelineSpec spec, String text, String source) {
        Admission<EventIngested> verdict = EventAdmission.admit(spec, text, source, clock.instant());
        count(spec, "event", source, verdict);
        CompletionStage<?> published = verdict instanceof Admission.Accepted<EventIngested> accepted
                ? publisher.publish(Topics.events(spec.name()), accepted.event().eventId(), accepted.event())
                : publishRejection(spec, (Admission.Rejected<?>) verdict);
        return published.thenApply(ack -> verdict);
    }

    public CompletionStage<Admission<LabelReceived>> label(PipelineSpec spec, String text, String source) {
        Admission<LabelReceived> verdict = LabelAdmission.admit(spec, text, source, clock.instant());
        count(spec, "label", source, verdict);
        CompletionStage<?> published = verdict instanceof Admission.Accepted<LabelReceived> accepted
                ? publisher.publish(Topics.labels(spec.name()), accepted.event().targetEventId(), accepted.event())
                : publishRejection(spec, (Admission.Rejected<?>) verdict);
        return published.thenApply(ack -> verdict);
    }

    private CompletionStage<?> publishRejection(PipelineSpec spec, Admission.Rejected<?> rejected) {
        return publisher.publish(Topics.rejected(spec.name()), spec.name(), rejected.rejection());
    }

    private void count(PipelineSpec spec, String kind, String source, Admission<?> verdict) {
        String outcome = verdict instanceof Admission.Accepted<?> ? "accepted" : "rejected";
        meters.counter("flywheel_ingest_records", "pipeline", spec.name(), "kind", kind, "source", source,
                "outcome", outcome).increment();
    }
}
