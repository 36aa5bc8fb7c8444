package dev.flywheel.feature.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.json.JsonSerde;
import dev.flywheel.contracts.spec.AggregateFeature;
import dev.flywheel.contracts.spec.FeatureDef;
import dev.flywheel.contracts.spec.RatioFeature;
import dev.flywheel.feature.store.StoreNames;

/**
 * Last step of the vector, on the partition of the event id: collects the event's own part and one part per
 * entity, then emits one {@link FeaturesComputed} with every feature in spec order, ratios computed last from
 * the features above them. The record carries the wall-clock time it was computed, not the event time: the
 * features topic's time-based retention would otherwise delete a replay of old events at once (the event time is
 * in the payload, and {@link EventTimeExtractor} reads it from there).
 *
 * <p>Waiting parts sit in a key-value store, not a window store: the parts of an event may arrive far apart in
 * stream time (a backlog of one partition is read in a burst, moving stream time by days before the other
 * partitions' parts come), so no time-based expiry fits. A part is removed as soon as its vector is complete;
 * the store therefore holds only vectors in flight, and a wall-clock sweep drops any that waited longer than the
 * grace, which only a lost part could cause.
 */
final class VectorAssembler implements Processor<String, VectorPart, String, FeaturesComputed> {

    private static final Logger LOG = Logger.getLogger(VectorAssembler.class);
    static final Duration SWEEP_EVERY = Duration.ofMinutes(5);

    private final FeaturePlan plan;
    private final String storeName;
    private final Emissions emissions;
    private ProcessorContext<String, FeaturesComputed> context;
    private KeyValueStore<String, PendingVector> pending;

    private VectorAssembler(FeaturePlan plan, String storeName, Emissions emissions) {
        this.plan = plan;
        this.storeName = storeName;
        this.emissions = emissions;
    }

    static ProcessorSupplier<String, VectorPart, String, FeaturesComputed> supplier(FeaturePlan plan, StoreNames names,
                                                                                 Emissions emissions) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, VectorPart, String, FeaturesComputed> get() {
                return new VectorAssembler(plan, names.pendingVectors(), emissions);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(plan.stores().keyValueStore(names.pendingVectors()),
                        Serdes.String(), new JsonSerde<>(PendingVector.class)).withCachingDisabled());
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, FeaturesComputed> context) {
        this.context = context;
        this.pending = context.getStateStore(storeName);
        context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, VectorPart> record) {
        String eventId = record.key();
        boolean alone = record.value() instanceof VectorPart.Local local && local.entityParts() == 0;
        PendingVector stored = alone ? null : pending.get(eventId);
        PendingVector parts = (stored != null ? stored : PendingVector.startingAt(context.currentSystemTimeMs()))
                .with(record.value());
        if (!parts.complete()) {
            pending.put(eventId, parts);
            return;
        }
        if (stored != null) {
            pending.delete(eventId);
        }
        long now = context.currentSystemTimeMs();
        context.forward(new Record<>(eventId, vector(parts, Instant.ofEpochMilli(now)), now));
        emissions.vectorEmitted(plan.pipeline());
    }

    /** Drops vectors whose parts stopped coming more than the grace ago: none, unless a part was lost. */
    private void sweep(long now) {
        long cutoff = now - plan.grace().toMillis();
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, PendingVector> all = pending.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.since() < cutoff) {
                    stale.add(entry.key);
                }
            });
        }
        stale.forEach(pending::delete);
        if (!stale.isEmpty()) {
            LOG.warnf("%s: %d vector(s) still missing parts after %s dropped, e.g. event %s", plan.pipeline(),
                    stale.size(), plan.grace(), stale.get(0));
        }
    }

    private FeaturesComputed vector(PendingVector parts, Instant computedAt) {
        VectorPart.Local local = parts.local();
        Map<String, Double> features = new LinkedHashMap<>();
        for (FeatureDef feature : plan.spec().features()) {
            features.put(feature.name(), value(feature, parts, features));
        }
        return new FeaturesComputed(DerivedIds.features(plan.pipeline(), local.eventId()),
                FeaturesComputed.SCHEMA_VERSION, plan.pipeline(), local.eventId(), local.eventTime(), computedAt,
                local.entities(), features);
    }

    private double value(FeatureDef feature, PendingVector parts, Map<String, Double> above) {
        if (feature instanceof AggregateFeature aggregate) {
            VectorPart.Entity part = parts.entities().get(aggregate.by());
            // No part: the event has no value for this entity, so no event of it is in any window.
            return part == null ? WindowAggregates.emptyWindow(aggregate) : part.features().get(aggregate.name());
        }
        if (feature instanceof RatioFeature ratio) {
            double denominator = operand(ratio.denominator(), parts, above);
            return denominator == 0 ? 0 : operand(ratio.numerator(), parts, above) / denominator;
        }
        return parts.local().features().get(feature.name());
    }

    /** A feature above this one, else a numeric field of the event (the spec's rule: a feature's name wins). */
    private static double operand(String name, PendingVector parts, Map<String, Double> above) {
        Double feature = above.get(name);
        return feature != null ? feature : parts.local().fields().getOrDefault(name, 0.0);
    }
}
