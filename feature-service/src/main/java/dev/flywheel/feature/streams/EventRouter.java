package dev.flywheel.feature.streams;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.json.JsonSerde;
import dev.flywheel.feature.store.PerEventStore;
import dev.flywheel.feature.store.PerEventStore.Stamped;
import dev.flywheel.feature.store.StoreNames;

/**
 * First step, on the partition of the event id: reads events and labels, drops re-sent events, and sends
 * <ul>
 *   <li>for an event: its own vector part (keyed by event id) and one {@link EntityUpdate.Observation} per
 *       entity its aggregates group by (keyed by the entity value);</li>
 *   <li>for a positive label, to the entities whose aggregates read labels: a {@link EntityUpdate.PositiveLabel}
 *       at the event's time, which only this step knows (labels carry the event id, not its entities).</li>
 * </ul>
 * A label that comes before its event is held until the event arrives. The first label of an event is the one
 * that counts; one that arrives later than {@code label.maxDelay} after its event is ignored, as the spec says
 * the event then counts as unlabelled.
 */
final class EventRouter implements Processor<String, EventOrLabel, String, Routed> {

    private static final Logger LOG = Logger.getLogger(EventRouter.class);

    private final FeaturePlan plan;
    private final String storeName;
    private ProcessorContext<String, Routed> context;
    private PerEventStore<EventRouting> index;

    private EventRouter(FeaturePlan plan, String storeName) {
        this.plan = plan;
        this.storeName = storeName;
    }

    static ProcessorSupplier<String, EventOrLabel, String, Routed> supplier(FeaturePlan plan, StoreNames names) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, EventOrLabel, String, Routed> get() {
                return new EventRouter(plan, names.eventIndex());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(PerEventStore.builder(names.eventIndex(), plan.perEventRetention(),
                        new JsonSerde<>(EventRouting.class), plan.stores()));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.index = new PerEventStore<>(context.getStateStore(storeName));
    }

    @Override
    public void process(Record<String, EventOrLabel> record) {
        // Everything forwarded keeps the input's timestamp (its event or label time, capped at now by
        // EventTimeExtractor); the exact times travel in the payloads.
        if (record.value() instanceof EventOrLabel.Event event) {
            onEvent(event.event(), record.timestamp());
        } else if (record.value() instanceof EventOrLabel.Label label) {
            onLabel(label.label(), record.timestamp());
        }
    }

    private void onEvent(EventIngested event, long timestamp) {
        String eventId = event.eventId();
        long time = event.eventTime().toEpochMilli();
        Optional<Stamped<EventRouting>> known = index.find(eventId, plan.stampsAroundEvent(time));
        if (known.isPresent() && known.get().value().eventSeen()) {
            LOG.debugf("%s: event %s seen before, dropped", plan.pipeline(), eventId);
            return;
        }
        LabelReceived early = known.map(entry -> entry.value().earlyLabel()).orElse(null);
        boolean labelCounts = early != null && inTime(early, time);
        Map<String, String> entities = EventFields.entities(event.payload(), plan.spec().entities());
        Map<String, String> labelEntities = new LinkedHashMap<>();
        int entityParts = 0;
        for (EntityGroup group : plan.groups()) {
            String entity = entities.get(group.field());
            if (entity == null) {
                continue;
            }
            entityParts++;
            forward(entity, group.field(), observation(event, time, group), timestamp);
            if (group.usesLabels()) {
                labelEntities.put(group.field(), entity);
                if (labelCounts && isPositive(early)) {
                    long labelTime = early.labelTime().toEpochMilli();
                    forward(entity, group.field(), new EntityUpdate.PositiveLabel(eventId, time, labelTime), timestamp);
                }
            }
        }
        context.forward(new Record<>(eventId, LocalFeatures.of(plan, event, entities, entityParts), timestamp));
        index.put(eventId, new EventRouting(time, labelEntities, null, early != null),
                known.map(Stamped::timestamp).orElse(time));
    }

    private void onLabel(LabelReceived label, long timestamp) {
        String eventId = label.targetEventId();
        long labelTime = label.labelTime().toEpochMilli();
        // An event older than maxDelay (and grace) is not found, so its label waits for an event that never comes.
        Optional<Stamped<EventRouting>> known = index.find(eventId, plan.stampsAroundLabel(labelTime));
        if (known.isEmpty()) {
            index.put(eventId, EventRouting.labelFirst(label), labelTime);
            return;
        }
        EventRouting routing = known.get().value();
        if (routing.labelSettled() || routing.earlyLabel() != null) {
            LOG.debugf("%s: event %s already has a label, %s ignored", plan.pipeline(), eventId, label.eventId());
            return;
        }
        if (inTime(label, routing.eventTime()) && isPositive(label)) {
            var update = new EntityUpdate.PositiveLabel(eventId, routing.eventTime(), labelTime);
            routing.entities().forEach((field, entity) -> forward(entity, field, update, timestamp));
        }
        index.put(eventId, routing.settle(), known.get().timestamp());
    }

    private void forward(String entity, String field, EntityUpdate update, long timestamp) {
        context.forward(new Record<>(entity, new Routed.ToEntity(field, update), timestamp));
    }

    private boolean inTime(LabelReceived label, long eventTime) {
        return label.labelTime().toEpochMilli() <= eventTime + plan.labelWindow().toMillis();
    }

    /** Ingest writes a binary label as 1 (positive) or 0, whatever the producer's spelling. */
    private static boolean isPositive(LabelReceived label) {
        return label.value() == 1.0;
    }

    private static EntityUpdate.Observation observation(EventIngested event, long time, EntityGroup group) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        group.numericFields().forEach(field ->
                EventFields.number(event.payload(), field).ifPresent(value -> numbers.put(field, value)));
        Map<String, String> texts = new LinkedHashMap<>();
        group.distinctFields().forEach(field ->
                EventFields.text(event.payload(), field).ifPresent(value -> texts.put(field, value)));
        return new EntityUpdate.Observation(event.eventId(), time, numbers, texts);
    }
}
