package dev.flywheel.feature.streams;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;

import dev.flywheel.contracts.json.JsonSerde;
import dev.flywheel.contracts.spec.AggregateFeature;
import dev.flywheel.feature.store.EntityLog;
import dev.flywheel.feature.store.LatestFeatures;
import dev.flywheel.feature.store.OnlineStore;
import dev.flywheel.feature.store.StoreNames;
import dev.flywheel.feature.streams.EntityUpdate.Observation;
import dev.flywheel.feature.streams.EntityUpdate.PositiveLabel;

/**
 * Second step, on the partition of an entity value (one instance per entity field): keeps the entity's recent
 * events and positive labels, and for each event computes the aggregates that group by this field as of the
 * event's time, sending them on as a vector part keyed by the event id. Keeps the aggregates of each entity's most
 * recent event in the online store ({@link OnlineStore}) as well.
 */
final class EntityAggregator implements Processor<String, EntityUpdate, String, VectorPart> {

    private final EntityGroup group;
    private final StoreNames names;
    private ProcessorContext<String, VectorPart> context;
    private EntityLog<Observation> events;
    private EntityLog<PositiveLabel> labels;
    private OnlineStore online;

    private EntityAggregator(EntityGroup group, StoreNames names) {
        this.group = group;
        this.names = names;
    }

    static ProcessorSupplier<String, EntityUpdate, String, VectorPart> supplier(FeaturePlan plan, EntityGroup group,
                                                                             StoreNames names) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, EntityUpdate, String, VectorPart> get() {
                return new EntityAggregator(group, names);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                var retention = group.span().plus(plan.grace());
                var events = EntityLog.builder(names.entityEvents(group.field()), retention,
                        new JsonSerde<>(Observation.class), plan.stores());
                var online = OnlineStore.builder(names.online(group.field()), plan.stores());
                if (!group.usesLabels()) {
                    return Set.of(events, online);
                }
                return Set.of(events, online, EntityLog.builder(names.entityLabels(group.field()), retention,
                        new JsonSerde<>(PositiveLabel.class), plan.stores()));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, VectorPart> context) {
        this.context = context;
        this.events = new EntityLog<>(context.getStateStore(names.entityEvents(group.field())));
        if (group.usesLabels()) {
            this.labels = new EntityLog<>(context.getStateStore(names.entityLabels(group.field())));
        }
        this.online = new OnlineStore(context.getStateStore(names.online(group.field())));
    }

    @Override
    public void process(Record<String, EntityUpdate> record) {
        String entity = record.key();
        if (record.value() instanceof PositiveLabel label) {
            // Filed at the event's time, so that it leaves the log together with its event.
            labels.append(entity, label, label.eventTime());
        } else if (record.value() instanceof Observation event) {
            events.append(entity, event, event.time());
            long from = event.time() - group.span().toMillis() + 1;
            List<Observation> history = events.between(entity, from, event.time());
            Map<String, PositiveLabel> positives = new HashMap<>();
            if (group.usesLabels()) {
                labels.between(entity, from, event.time())
                        .forEach(label -> positives.putIfAbsent(label.eventId(), label));
            }
            Map<String, Double> features = new LinkedHashMap<>();
            for (AggregateFeature aggregate : group.aggregates()) {
                features.put(aggregate.name(), WindowAggregates.value(aggregate, history, positives, event));
            }
            online.offer(entity, new LatestFeatures(event.eventId(), event.time(), features));
            context.forward(record.withKey(event.eventId())
                    .withValue(new VectorPart.Entity(event.eventId(), group.field(), features)));
        }
    }
}
