package dev.flywheel.feature.streams;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.json.JsonSerde;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.feature.store.StoreKind;
import dev.flywheel.feature.store.StoreNames;

/**
 * The feature pipeline of one {@link PipelineSpec}, added to a {@link StreamsBuilder}. Tests run it with
 * {@code TopologyTestDriver}; the service hands the topology of all its pipelines to Quarkus.
 *
 * <p>Consumes {@code flywheel.<p>.events} ({@link EventIngested}) and {@code flywheel.<p>.labels}
 * ({@link LabelReceived}), both keyed by event id and read in event time ({@link EventTimeExtractor}).
 * Produces exactly one {@link FeaturesComputed} per event on {@code flywheel.<p>.features} and at most one
 * {@link ExampleLabelled} per event on {@code flywheel.<p>.examples}, both keyed by event id.
 *
 * <pre>
 * events ─┬─► EventRouter ─┬─ own part ───────────────────────────┐
 * labels ─┤   (event id)   └─ by-entity ─► EntityAggregator ──────┴─ vector-parts ─► VectorAssembler ─► features
 *         │                   (entity value, one per entity)      (event id)                                │
 *         └─────────────────────► ExampleJoiner ◄── features, read back ◄───────────────────────────────────┘
 *                                 (event id) ─► examples
 * </pre>
 *
 * The events, labels and features topics must have the same number of partitions (the service creates them so),
 * since the router and the joiner read them side by side, partition by partition.
 */
public final class FeatureTopology {

    /**
     * How the topology is built, beyond its spec.
     *
     * @param grace     how long state outlives what windows and label delay need, for out-of-order records
     * @param stores    where stores keep their data
     * @param emissions told of every vector and example emitted
     */
    public record Options(Duration grace, StoreKind stores, Emissions emissions) {

        /** One day of grace, RocksDB, nothing counted: what {@link #build(StreamsBuilder, PipelineSpec)} uses. */
        public static Options defaults() {
            return new Options(Duration.ofDays(1), StoreKind.PERSISTENT, Emissions.NONE);
        }

        public Options withGrace(Duration newGrace) {
            return new Options(newGrace, stores, emissions);
        }

        public Options withStores(StoreKind kind) {
            return new Options(grace, kind, emissions);
        }

        public Options withEmissions(Emissions counter) {
            return new Options(grace, stores, counter);
        }
    }

    private FeatureTopology() {
    }

    public static void build(StreamsBuilder builder, PipelineSpec spec) {
        build(builder, spec, Options.defaults());
    }

    public static void build(StreamsBuilder builder, PipelineSpec spec, Options options) {
        FeaturePlan plan = FeaturePlan.of(spec, options.grace(), options.stores());
        Emissions emissions = options.emissions();
        String p = spec.name();
        StoreNames names = new StoreNames(p);
        Topic<String, EventIngested> eventsTopic = Topics.events(p);
        Topic<String, LabelReceived> labelsTopic = Topics.labels(p);
        Topic<String, FeaturesComputed> featuresTopic = Topics.features(p);
        Topic<String, ExampleLabelled> examplesTopic = Topics.examples(p);

        KStream<String, EventIngested> events = builder.stream(eventsTopic.name(), inEventTime(eventsTopic));
        KStream<String, LabelReceived> labels = builder.stream(labelsTopic.name(), inEventTime(labelsTopic));

        KStream<String, Routed> routed = events.<EventOrLabel>mapValues(EventOrLabel.Event::new)
                .merge(labels.mapValues(EventOrLabel.Label::new))
                .process(EventRouter.supplier(plan, names), Named.as(p + "-route"));

        BranchedKStream<String, Routed> split = routed.split(Named.as(p + "-routed-"))
                .branch((eventId, value) -> value instanceof VectorPart.Local, Branched.as("local"));
        for (int i = 0; i < plan.groups().size(); i++) {
            String field = plan.groups().get(i).field();
            split = split.branch((entity, value) -> value instanceof Routed.ToEntity update
                    && update.field().equals(field), Branched.as("entity-" + i));
        }
        Map<String, KStream<String, Routed>> branches = split.noDefaultBranch();
        KStream<String, VectorPart> parts = branches.get(p + "-routed-local").mapValues(value -> (VectorPart) value);
        for (int i = 0; i < plan.groups().size(); i++) {
            parts = parts.merge(aggregate(branches.get(p + "-routed-entity-" + i), plan, plan.groups().get(i), names));
        }

        KStream<String, FeaturesComputed> vectors = parts
                .repartition(Repartitioned.<String, VectorPart>as(names.vectorParts())
                        .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(VectorPart.class)))
                .process(VectorAssembler.supplier(plan, names, emissions), Named.as(p + "-assemble"));
        vectors.to(featuresTopic.name(), Produced.with(featuresTopic.keySerde(), featuresTopic.valueSerde()));

        // Read back what was emitted, so each example holds the very vector that was served.
        KStream<String, FeaturesComputed> emitted = builder.stream(featuresTopic.name(), inEventTime(featuresTopic));
        emitted.<VectorOrLabel>mapValues(VectorOrLabel.Vector::new)
                .merge(labels.mapValues(VectorOrLabel.Label::new))
                .process(ExampleJoiner.supplier(plan, names, emissions), Named.as(p + "-join-examples"))
                .to(examplesTopic.name(), Produced.with(examplesTopic.keySerde(), examplesTopic.valueSerde()));
    }

    private static KStream<String, VectorPart> aggregate(KStream<String, Routed> updates, FeaturePlan plan,
                                                         EntityGroup group, StoreNames names) {
        return updates.mapValues(value -> ((Routed.ToEntity) value).update())
                .repartition(Repartitioned.<String, EntityUpdate>as(names.byEntity(group.field()))
                        .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(EntityUpdate.class)))
                .process(EntityAggregator.supplier(plan, group, names),
                        Named.as(names.byEntity(group.field()) + "-aggregate"));
    }

    private static <V> Consumed<String, V> inEventTime(Topic<String, V> topic) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withTimestampExtractor(new EventTimeExtractor());
    }
}
