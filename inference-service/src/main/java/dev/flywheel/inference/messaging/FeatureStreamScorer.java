package dev.flywheel.inference.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.inference.Predictions;
import dev.flywheel.inference.model.FeatureVector;
import dev.flywheel.inference.model.ModelLease;
import dev.flywheel.inference.model.ServingModels;
import dev.flywheel.runtime.DeadLetterPublisher;
import dev.flywheel.runtime.PipelineCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

/**
 * Scores every feature vector of {@code flywheel.<pipeline>.features} ({@link FeaturesComputed}) with the
 * model serving its pipeline and logs a {@code PredictionMade} for it (source event and event time from the
 * vector): the prediction the monitor later joins with the event's label.
 *
 * <p>One poll's vectors of a pipeline are scored as one batch (one tensor), under one model lease. The
 * consumer group is shared by all instances ({@code inference-service}): each vector is scored once by the
 * fleet, unlike model events, which every instance must see. Offsets are committed after the batch's
 * predictions were acknowledged by the broker, so a crash scores some vectors twice rather than none;
 * the prediction id is derived from the vector's id and the model version, so a repeat carries the same id
 * and consumers drop it.
 *
 * <p>Vectors are skipped, and counted in {@code flywheel_inference_stream_skipped{reason}}, while no model
 * serves the pipeline ({@code no_model}), when they lack a feature the model needs ({@code missing_features}),
 * are unreadable ({@code unreadable}; also sent to the dead-letter topic with the reason), belong to a pipeline this service does not run
 * ({@code unknown_pipeline}), or the model fails on them ({@code scoring_failed}).
 */
@ApplicationScoped
public class FeatureStreamScorer {

    private static final Logger LOG = Logger.getLogger(FeatureStreamScorer.class);

    private final ServingModels models;
    private final Predictions predictions;
    private final MeterRegistry meters;
    private final Map<String, PipelineSpec> specsByTopic;
    private final DeadLetterPublisher deadLetters;

    public FeatureStreamScorer(PipelineCatalog catalog, ServingModels models, Predictions predictions,
                               MeterRegistry meters, DeadLetterPublisher deadLetters) {
        this.models = models;
        this.predictions = predictions;
        this.meters = meters;
        this.deadLetters = deadLetters;
        this.specsByTopic = catalog.all().stream()
                .collect(Collectors.toMap(spec -> Topics.features(spec.name()).name(), Function.identity()));
    }

    @Incoming("pipeline-features")
    @Blocking
    public void onFeatures(ConsumerRecords<String, FeaturesComputed> records) {
        long started = System.nanoTime();
        Map<String, List<FeaturesComputed>> byTopic = new LinkedHashMap<>();
        List<CompletableFuture<?>> logged = new ArrayList<>();
        for (ConsumerRecord<String, FeaturesComputed> record : records) {
            if (record.value() == null) {
                skipped(pipelineOf(record.topic()), "unreadable", 1);
                logged.add(deadLetters.sendUnreadable(record).toCompletableFuture());
            } else {
                byTopic.computeIfAbsent(record.topic(), topic -> new ArrayList<>()).add(record.value());
            }
        }
        byTopic.forEach((topic, vectors) -> {
            PipelineSpec spec = specsByTopic.get(topic);
            if (spec == null) {
                skipped(pipelineOf(topic), "unknown_pipeline", vectors.size());
            } else {
                score(spec, vectors, started).ifPresent(logged::add);
            }
        });
        // Returning only when the broker has the predictions (and dead letters) makes SmallRye commit the offsets after.
        CompletableFuture.allOf(logged.toArray(CompletableFuture[]::new)).join();
    }

    private Optional<CompletableFuture<Void>> score(PipelineSpec spec, List<FeaturesComputed> vectors, long started) {
        Optional<ModelLease> leased = models.slot(spec.name()).flatMap(slot -> slot.acquire());
        if (leased.isEmpty()) {
            skipped(spec.name(), "no_model", vectors.size());
            return Optional.empty();
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
                return Optional.empty();
            }
            try {
                return Optional.of(predictions.predict(spec, lease, queries, Predictions.Mode.STREAM, started)
                        .logged().toCompletableFuture());
            } catch (RuntimeException e) {
                // A model that cannot score these rows must not stop the channel for every later vector.
                skipped(spec.name(), "scoring_failed", queries.size());
                LOG.errorf(e, "model %s of pipeline %s failed to score %d vectors; they are skipped",
                        lease.model().version(), spec.name(), queries.size());
                return Optional.empty();
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

    private String pipelineOf(String topic) {
        PipelineSpec spec = specsByTopic.get(topic);
        return spec != null ? spec.name() : topic;
    }
}
