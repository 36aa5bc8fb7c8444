package dev.flywheel.inference.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.inference.Predictions;
import dev.flywheel.inference.model.FeatureVector;
import dev.flywheel.inference.model.ModelLease;
import dev.flywheel.inference.model.ServingModels;
import dev.flywheel.runtime.DeadLetterPublisher;
import dev.flywheel.runtime.PipelineCatalog;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns one poll of {@code flywheel.<pipeline>.features} records ({@link FeaturesComputed}, as raw bytes) into
 * the {@link PredictionMade}s of the models serving their pipelines (source event and event time from the
 * vector). It publishes nothing: {@link StreamScoringLoop} writes the predictions and the poll's offsets in one
 * Kafka transaction.
 *
 * <p>A poll's vectors of a pipeline are scored as one batch (one tensor), under one model lease. The prediction
 * id is derived from the vector's id and the model version, so a vector scored again after an aborted
 * transaction carries the same id.
 *
 * <p>Vectors are skipped, and counted in {@code flywheel_inference_stream_skipped{reason}}, while no model
 * serves the pipeline ({@code no_model}), when they lack a feature the model needs ({@code missing_features}),
 * are unreadable ({@code unreadable}; also sent to the dead-letter topic with the reason), belong to a pipeline this service does not run
 * ({@code unknown_pipeline}), or the model fails on them ({@code scoring_failed}). A skipped vector is
 * consumed all the same: a model that cannot score it must not stop the stream for every later vector.
 */
@Singleton
public class FeatureStreamScorer {

    private static final Logger LOG = Logger.getLogger(FeatureStreamScorer.class);

    private final ServingModels models;
    private final Predictions predictions;
    private final MeterRegistry meters;
    private final Map<String, PipelineSpec> specsByTopic;
    /** Built once per topic: a deserializer is not free to make, and a poll may hold hundreds of records. */
    private final Map<String, Deserializer<FeaturesComputed>> readers = new ConcurrentHashMap<>();
    /** Told of each unreadable record with the reason (the dead-letter topic in the service). */
    private final BiConsumer<ConsumerRecord<byte[], byte[]>, String> unreadable;

    @Inject
    public FeatureStreamScorer(PipelineCatalog catalog, ServingModels models, Predictions predictions,
                               MeterRegistry meters, DeadLetterPublisher deadLetters) {
        this(catalog.all(), models, predictions, meters, (record, reason) -> deadLetter(deadLetters, record, reason));
    }

    public FeatureStreamScorer(Collection<PipelineSpec> specs, ServingModels models, Predictions predictions,
                               MeterRegistry meters, BiConsumer<ConsumerRecord<byte[], byte[]>, String> unreadable) {
        this.models = models;
        this.predictions = predictions;
        this.meters = meters;
        this.unreadable = unreadable;
        this.specsByTopic = specs.stream()
                .collect(Collectors.toMap(spec -> Topics.features(spec.name()).name(), Function.identity()));
    }

    /** The predictions of one poll's records, in the order of their pipelines' first records. */
    public List<PredictionMade> score(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        long started = System.nanoTime();
        Map<String, List<FeaturesComputed>> byTopic = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            PipelineSpec spec = specsByTopic.get(record.topic());
            if (spec == null) {
                skipped(record.topic(), "unknown_pipeline", 1);
                continue;
            }
            try {
                byTopic.computeIfAbsent(record.topic(), topic -> new ArrayList<>()).add(read(spec, record));
            } catch (RuntimeException e) {
                skipped(spec.name(), "unreadable", 1);
                unreadable.accept(record, "unreadable: " + (e.getMessage() != null ? e.getMessage()
                        : e.getClass().getName()));
            }
        }
        List<PredictionMade> made = new ArrayList<>();
        byTopic.forEach((topic, vectors) -> made.addAll(score(specsByTopic.get(topic), vectors, started)));
        return made;
    }

    /** The record's vector; throws, saying why, when there is none. */
    private FeaturesComputed read(PipelineSpec spec, ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("an empty record (tombstone); a features record must hold a vector");
        }
        FeaturesComputed vector = readers.computeIfAbsent(record.topic(),
                        topic -> Topics.features(spec.name()).valueSerde().deserializer())
                .deserialize(record.topic(), record.value());
        if (vector == null) {
            throw new IllegalArgumentException("the record reads as no vector");
        }
        return vector;
    }

    /**
     * Waits for the broker (30 s at most): the poll's offsets are committed after this, and a dead letter is the only
     * trace of the record. Outside the poll's transaction, so a retried poll may send it again (same origin headers).
     */
    private static void deadLetter(DeadLetterPublisher deadLetters, ConsumerRecord<byte[], byte[]> record,
                                   String reason) {
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

    private List<PredictionMade> score(PipelineSpec spec, List<FeaturesComputed> vectors, long started) {
        Optional<ModelLease> leased = models.slot(spec.name()).flatMap(slot -> slot.acquire());
        if (leased.isEmpty()) {
            skipped(spec.name(), "no_model", vectors.size());
            return List.of();
        }
        try (ModelLease lease = leased.get()) {
            List<String> names = lease.model().featureNames();
            List<Predictions.Query> queries = new ArrayList<>(vectors.size());
            for (FeaturesComputed vector : vectors) {
                FeatureVector.Reading reading = FeatureVector.fromNumbers(vector.features(), names);
                if (reading.valid()) {
                    queries.add(new Predictions.Query(predictionId(vector, lease), reading.vector(),
                            vector.sourceEventId(), vector.eventTime()));
                } else {
                    skipped(spec.name(), "missing_features", 1);
                    LOG.debugf("vector of event %s cannot be scored by model %s: %s", vector.sourceEventId(),
                            lease.model().version(), reading.violations());
                }
            }
            if (queries.isEmpty()) {
                return List.of();
            }
            try {
                return predictions.decide(spec, lease, queries, Predictions.Mode.STREAM, started);
            } catch (RuntimeException e) {
                skipped(spec.name(), "scoring_failed", queries.size());
                LOG.errorf(e, "model %s of pipeline %s failed to score %d vectors; they are skipped",
                        lease.model().version(), spec.name(), queries.size());
                return List.of();
            }
        }
    }

    private static String predictionId(FeaturesComputed vector, ModelLease lease) {
        String vectorId = vector.eventId() != null ? vector.eventId() : vector.sourceEventId();
        return UUID.nameUUIDFromBytes((vectorId + "|" + lease.model().version()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private void skipped(String pipeline, String reason, int count) {
        meters.counter("flywheel_inference_stream_skipped", "pipeline", pipeline, "reason", reason).increment(count);
    }
}
