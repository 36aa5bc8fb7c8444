package dev.flywheel.feature.streams;

import java.util.Optional;
import java.util.Set;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.json.JsonSerde;
import dev.flywheel.feature.store.PerEventStore;
import dev.flywheel.feature.store.PerEventStore.Stamped;
import dev.flywheel.feature.store.StoreNames;

/**
 * Joins each vector read back from the features topic (so the example holds exactly the vector that was served)
 * with the label of the same event into one {@link ExampleLabelled}. Whichever side comes first waits, up to
 * {@code label.maxDelay} after the event (plus grace); a label later than that is refused, as the spec says the
 * event then counts as unlabelled. Each event yields at most one example: after it, further labels (re-sent or
 * corrected) are ignored.
 */
final class ExampleJoiner implements Processor<String, VectorOrLabel, String, ExampleLabelled> {

    private static final Logger LOG = Logger.getLogger(ExampleJoiner.class);

    private final FeaturePlan plan;
    private final String storeName;
    private final Emissions emissions;
    private ProcessorContext<String, ExampleLabelled> context;
    private PerEventStore<PendingExample> pending;

    private ExampleJoiner(FeaturePlan plan, String storeName, Emissions emissions) {
        this.plan = plan;
        this.storeName = storeName;
        this.emissions = emissions;
    }

    static ProcessorSupplier<String, VectorOrLabel, String, ExampleLabelled> supplier(FeaturePlan plan,
                                                                                   StoreNames names,
                                                                                   Emissions emissions) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, VectorOrLabel, String, ExampleLabelled> get() {
                return new ExampleJoiner(plan, names.exampleJoin(), emissions);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(PerEventStore.builder(names.exampleJoin(), plan.perEventRetention(),
                        new JsonSerde<>(PendingExample.class), plan.stores()));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, ExampleLabelled> context) {
        this.context = context;
        this.pending = new PerEventStore<>(context.getStateStore(storeName));
    }

    @Override
    public void process(Record<String, VectorOrLabel> record) {
        String eventId = record.key();
        FeaturesComputed vector = record.value() instanceof VectorOrLabel.Vector v ? v.vector() : null;
        LabelReceived label = record.value() instanceof VectorOrLabel.Label l ? l.label() : null;
        long time = vector != null ? vector.eventTime().toEpochMilli() : label.labelTime().toEpochMilli();
        Optional<Stamped<PendingExample>> stored = pending.find(eventId,
                vector != null ? plan.stampsAroundEvent(time) : plan.stampsAroundLabel(time));
        PendingExample waiting = stored.map(Stamped::value).orElse(null);
        long stamp = stored.map(Stamped::timestamp).orElse(time);
        if (waiting == null) {
            pending.put(eventId, new PendingExample(vector, label, false), stamp);
        } else if (waiting.settled()) {
            LOG.debugf("%s: event %s already settled, %s ignored", plan.pipeline(), eventId, record.value());
        } else if (vector != null && waiting.label() != null) {
            settle(eventId, vector, waiting.label(), stamp);
        } else if (label != null && waiting.vector() != null) {
            settle(eventId, waiting.vector(), label, stamp);
        }
        // Otherwise the same side again (a label re-sent before its vector came): the first one stays.
    }

    private void settle(String eventId, FeaturesComputed vector, LabelReceived label, long stamp) {
        pending.put(eventId, PendingExample.SETTLED, stamp);
        if (label.labelTime().isAfter(vector.eventTime().plus(plan.labelWindow()))) {
            LOG.debugf("%s: label of %s came after label.maxDelay, no example", plan.pipeline(), eventId);
            return;
        }
        long now = context.currentSystemTimeMs();
        context.forward(new Record<>(eventId, new ExampleLabelled(DerivedIds.example(plan.pipeline(), eventId),
                ExampleLabelled.SCHEMA_VERSION, plan.pipeline(), eventId, vector.eventTime(), vector.features(),
                label.value(), label.labelTime()), now));
        emissions.exampleEmitted(plan.pipeline());
    }
}
