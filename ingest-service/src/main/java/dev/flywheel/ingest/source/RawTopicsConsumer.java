package dev.flywheel.ingest.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.ingest.Ingestion;
import dev.flywheel.runtime.PipelineCatalog;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Validates what any Kafka client (Java, kcat, Python) produced to a pipeline's raw topics,
 * exactly like HTTP input: valid records go on to the events/labels topics, invalid ones to the
 * rejected topic. Records come in batches (one per poll).
 *
 * <p>The channels subscribe by pattern ({@code flywheel.*.events.raw}), so one consumer serves
 * every pipeline and their names cannot match a single topic name. A record is acknowledged (its
 * offset committed) only after its verdict was published: a crash re-reads it rather than loses
 * it, and the duplicate carries the same event id for consumers to drop. A record whose topic
 * names no known pipeline cannot be judged and goes to the dead-letter topic.
 */
@ApplicationScoped
public class RawTopicsConsumer {

    private static final Logger LOG = Logger.getLogger(RawTopicsConsumer.class);
    private static final Pattern RAW_TOPIC = Pattern.compile("flywheel\\.([a-z0-9][a-z0-9-]*)\\.(events|labels)\\.raw");

    private static final String SOURCE = "kafka";
    private static final int BATCHES_IN_FLIGHT = 4;

    private final PipelineCatalog catalog;
    private final Ingestion ingestion;
    private final Deque<CompletableFuture<Void>> eventBatches = new ArrayDeque<>();
    private final Deque<CompletableFuture<Void>> labelBatches = new ArrayDeque<>();

    public RawTopicsConsumer(PipelineCatalog catalog, Ingestion ingestion) {
        this.catalog = catalog;
        this.ingestion = ingestion;
    }

    @Incoming("raw-events")
    public CompletionStage<Void> onRawEvents(KafkaRecordBatch<String, String> batch) {
        return pipelined(eventBatches, judgeAll(batch, (spec, text) -> ingestion.event(spec, text, SOURCE)));
    }

    @Incoming("raw-labels")
    public CompletionStage<Void> onRawLabels(KafkaRecordBatch<String, String> batch) {
        return pipelined(labelBatches, judgeAll(batch, (spec, text) -> ingestion.label(spec, text, SOURCE)));
    }

    /**
     * Judges every record of a poll and acknowledges the batch when all its verdicts are published (or nacks it,
     * which dead-letters its records, when the broker refused one after the producer's own retries). Completes
     * normally either way.
     */
    private CompletableFuture<Void> judgeAll(KafkaRecordBatch<String, String> batch,
                                             BiFunction<PipelineSpec, String, CompletionStage<?>> judge) {
        List<CompletableFuture<?>> verdicts = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            Optional<PipelineSpec> spec = pipelineOf(record.getTopic());
            verdicts.add(spec.isPresent()
                    ? judge.apply(spec.get(), record.getPayload()).toCompletableFuture()
                    // The channel's failure strategy sends this record alone to the dead-letter topic.
                    : record.nack(new UnknownPipeline(record.getTopic())).toCompletableFuture());
        }
        return CompletableFuture.allOf(verdicts.toArray(CompletableFuture[]::new))
                .handle((done, failure) -> failure == null ? batch.ack() : batch.nack(failure))
                .thenCompose(settled -> settled)
                .exceptionally(unsettled -> null)
                .toCompletableFuture();
    }

    /**
     * Lets the next poll be judged while up to {@value #BATCHES_IN_FLIGHT} batches wait for the broker: waiting
     * for each batch's acknowledgements before reading on left the service idle for a round trip per poll. Offsets
     * are still committed only up to the oldest batch not yet acknowledged (the connector's throttled commit), so a
     * crash re-reads rather than loses. Method calls of one channel are sequential, so the deque needs no lock.
     */
    private static CompletionStage<Void> pipelined(Deque<CompletableFuture<Void>> inFlight, CompletableFuture<Void> batch) {
        inFlight.removeIf(CompletableFuture::isDone);
        inFlight.addLast(batch);
        return inFlight.size() < BATCHES_IN_FLIGHT ? CompletableFuture.completedFuture(null) : inFlight.peekFirst();
    }

    private Optional<PipelineSpec> pipelineOf(String topic) {
        Matcher matcher = RAW_TOPIC.matcher(topic);
        Optional<PipelineSpec> spec = matcher.matches() ? catalog.find(matcher.group(1)) : Optional.empty();
        if (spec.isEmpty()) {
            LOG.warnf("record on %s names no loaded pipeline; sent to the dead-letter topic", topic);
        }
        return spec;
    }

    /** The raw topic's name does not match a loaded pipeline spec. */
    static final class UnknownPipeline extends RuntimeException {
        UnknownPipeline(String topic) {
            super("no pipeline spec for topic " + topic, null, false, false);
        }
    }
}
