package dev.flywheel.inference.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.ModelAliasMoved;
import dev.flywheel.contracts.event.ModelLifecycleEvent;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.inference.model.ModelSlot;
import dev.flywheel.inference.model.ModelSwapper;
import dev.flywheel.inference.model.ServingModels;
import dev.flywheel.inference.shadow.ShadowAssignments;
import dev.flywheel.runtime.DeadLetterPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

/**
 * Follows {@code flywheel.models} and hot-swaps each pipeline to the version its newest
 * {@link ModelPromoted} names; {@code ModelRegistered} events are not this service's business. An unreadable record goes to the
 * dead-letter topic with its reason ({@link DeadLetterPublisher}), and the events after it are applied.
 *
 * <p><b>Source of truth:</b> the topic, not the registry folder. It is kept forever and ordered per
 * pipeline (keyed by pipeline, so one partition holds a pipeline's history), so the newest promotion in it
 * is the promoted version, a rollback included; the registry only stores the artifacts it points to.
 *
 * <p><b>Every instance sees every event:</b> the channel joins with a consumer group of its own, new at each
 * start ({@code inference-service-models-${quarkus.uuid}}), reads from the beginning and commits nothing.
 * A shared group would hand each promotion to one instance only and leave the others serving the old model.
 *
 * <p><b>The registry's {@code challenger} alias is shadowed:</b> a {@link ModelAliasMoved} for {@code challenger}
 * loads that version beside the serving one ({@link ShadowAssignments}), so moving the alias in the registry is all
 * it takes to score a challenger on live traffic. A challenger that has since become the champion is not
 * shadowed (it would score every row twice with the same model).
 *
 * <p>Records arrive in batches (one poll); only the newest promotion per pipeline of a batch is loaded (or,
 * if it cannot be, the newest earlier one that can), so a start that replays a long history loads few
 * intermediate versions. The method runs on a worker thread, one batch at a time: loading a model blocks,
 * and promotions must be applied in order.
 */
@ApplicationScoped
public class ModelEventsConsumer {

    private static final Logger LOG = Logger.getLogger(ModelEventsConsumer.class);
    private static final String CHALLENGER = "challenger";

    private final ModelSwapper swapper;
    private final ModelsLogProgress progress;
    private final MeterRegistry meters;
    private final DeadLetterPublisher deadLetters;
    private final ShadowAssignments shadows;
    private final ServingModels models;

    public ModelEventsConsumer(ModelSwapper swapper, ModelsLogProgress progress, MeterRegistry meters,
                               DeadLetterPublisher deadLetters, ShadowAssignments shadows, ServingModels models) {
        this.models = models;
        this.swapper = swapper;
        this.progress = progress;
        this.meters = meters;
        this.deadLetters = deadLetters;
        this.shadows = shadows;
    }

    @Incoming("flywheel.models")
    @Blocking
    public void onModelEvents(ConsumerRecords<String, ModelLifecycleEvent> records) {
        Map<String, List<ModelPromoted>> byPipeline = new LinkedHashMap<>();
        Map<String, ModelAliasMoved> challengers = new LinkedHashMap<>();
        List<CompletableFuture<?>> dead = new ArrayList<>();
        for (ConsumerRecord<String, ModelLifecycleEvent> record : records) {
            if (record.value() instanceof ModelPromoted promoted) {
                byPipeline.computeIfAbsent(promoted.pipeline(), pipeline -> new ArrayList<>()).add(promoted);
            } else if (record.value() instanceof ModelAliasMoved moved && CHALLENGER.equals(moved.alias())) {
                challengers.put(moved.pipeline(), moved);
            } else if (record.value() == null) {
                meters.counter("flywheel_inference_model_events_unreadable").increment();
                dead.add(deadLetters.sendUnreadable(record).toCompletableFuture());
            }
        }
        byPipeline.values().forEach(swapper::applyNewest);
        challengers.values().forEach(this::shadow);
        byPipeline.keySet().forEach(this::dropChallengerNowServing);
        awaitDeadLetters(dead);
        for (ConsumerRecord<String, ModelLifecycleEvent> record : records) {
            progress.processed(record.topic(), record.partition(), record.offset());
        }
    }

    private void shadow(ModelAliasMoved moved) {
        ModelPromoted assignment = new ModelPromoted(moved.eventId(), ModelPromoted.SCHEMA_VERSION, moved.pipeline(),
                moved.modelVersion(), moved.previousVersion(), moved.artifactUri(),
                "registry alias challenger: " + moved.reason(), moved.occurredAt());
        LOG.infof("challenger %s of pipeline %s from the registry's alias: %s", moved.modelVersion(),
                moved.pipeline(), swapper.applyChallenger(assignment));
        dropChallengerNowServing(moved.pipeline());
    }

    private void dropChallengerNowServing(String pipeline) {
        shadows.challenger(pipeline).filter(version -> version.equals(models.slot(pipeline).flatMap(ModelSlot::servingVersion).orElse(null)))
                .ifPresent(version -> {
                    LOG.infof("challenger %s of pipeline %s is the champion now: no longer shadowed", version, pipeline);
                    shadows.clear(pipeline);
                });
    }

    /**
     * Every instance reads the whole topic at start, so each one dead-letters a poison model event once per start;
     * a dead letter that cannot be written is logged and the event skipped, since promotions after it must apply.
     */
    private static void awaitDeadLetters(List<CompletableFuture<?>> dead) {
        try {
            CompletableFuture.allOf(dead.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf(e, "%d unreadable model event(s) could not be dead-lettered; skipped", dead.size());
        }
    }
}
