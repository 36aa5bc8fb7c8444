package dev.flywheel.feature.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import dev.flywheel.runtime.PipelineCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the vectors and examples this instance emitted, per pipeline, as the Prometheus counters
 * {@code flywheel_features_vectors_total} and {@code flywheel_features_examples_total}. Under exactly-once a
 * transaction that aborts is processed again, so after a failure a count may exceed what the topics hold.
 */
@Singleton
public class EmissionCounters implements Emissions {

    private final MeterRegistry registry;
    private final Map<String, Counter> vectors = new ConcurrentHashMap<>();
    private final Map<String, Counter> examples = new ConcurrentHashMap<>();

    public EmissionCounters(MeterRegistry registry, PipelineCatalog catalog) {
        this.registry = registry;
        // Registered up front, so that a scrape shows 0 rather than nothing before the first event.
        catalog.all().forEach(spec -> {
            vectors(spec.name());
            examples(spec.name());
        });
    }

    @Override
    public void vectorEmitted(String pipeline) {
        vectors(pipeline).increment();
    }

    @Override
    public void exampleEmitted(String pipeline) {
        examples(pipeline).increment();
    }

    public long vectorCount(String pipeline) {
        return (long) vectors(pipeline).count();
    }

    public long exampleCount(String pipeline) {
        return (long) examples(pipeline).count();
    }

    private Counter vectors(String pipeline) {
        return vectors.computeIfAbsent(pipeline, p -> Counter.builder("flywheel.features.vectors")
                .description("Feature vectors emitted on flywheel.<pipeline>.features")
                .tag("pipeline", p).register(registry));
    }

    private Counter examples(String pipeline) {
        return examples.computeIfAbsent(pipeline, p -> Counter.builder("flywheel.features.examples")
                .description("Training examples emitted on flywheel.<pipeline>.examples")
                .tag("pipeline", p).register(registry));
    }
}
