package dev.flywheel.training.registry;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Singleton;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.ModelLifecycleEvent;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.training.config.TrainingConfig;

/** Publishes {@code ModelRegistered} and {@code ModelPromoted} on {@code flywheel.models}, keyed by pipeline. */
@Singleton
public class ModelLifecyclePublisher {

    private final TopicPublisher publisher;
    private final TrainingConfig config;

    public ModelLifecyclePublisher(TopicPublisher publisher, TrainingConfig config) {
        this.publisher = publisher;
        this.config = config;
    }

    /**
     * Sends and waits for the broker's acknowledgement, so that a run reports success only once inference
     * services can see the event.
     */
    public void publish(ModelLifecycleEvent event) {
        try {
            publisher.publish(Topics.models(), event.pipeline(), event).toCompletableFuture()
                    .get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + event, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + event.getClass().getSimpleName() + " of "
                    + event.pipeline() + " version " + event.modelVersion() + ": " + e, e);
        }
    }
}
