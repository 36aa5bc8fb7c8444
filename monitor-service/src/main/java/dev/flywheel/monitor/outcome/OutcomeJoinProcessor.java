package dev.flywheel.monitor.outcome;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import dev.flywheel.contracts.event.OutcomeObserved;

/**
 * Joins the predictions and labels of one event id, in whichever order they arrive, into one
 * {@link OutcomeObserved} per (prediction, label value).
 *
 * <p>State is a window store keyed by event id and filed under the event time of the first record seen for
 * it ({@link PendingEvent#anchorOf}). The store's retention ({@code label.maxDelay} + grace) forgets an entry
 * once the pipeline's event time has moved past it by that much, dropping whole segments at a time: no
 * punctuator has to scan the store, and a label arriving later than {@code maxDelay} finds nothing, which is
 * what the spec means by "after that the event counts as unlabelled".
 */
final class OutcomeJoinProcessor implements Processor<String, JoinInput, String, OutcomeObserved> {

    private final String pipeline;
    private final String storeName;
    /** The spec's business amount feature, carried into outcomes; null without one. */
    private final String amountFeature;
    private ProcessorContext<String, OutcomeObserved> context;
    private WindowStore<String, PendingEvent> store;

    OutcomeJoinProcessor(String pipeline, String storeName, String amountFeature) {
        this.pipeline = pipeline;
        this.storeName = storeName;
        this.amountFeature = amountFeature;
    }

    @Override
    public void init(ProcessorContext<String, OutcomeObserved> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, JoinInput> record) {
        String eventId = record.key();
        KeyValue<Long, PendingEvent> known = find(eventId);
        long anchor = known != null ? known.key : PendingEvent.anchorOf(record.value(), record.timestamp());
        PendingEvent pending = known != null ? known.value : PendingEvent.empty();

        if (record.value() instanceof JoinInput.Prediction made) {
            PendingEvent.Prediction prediction = PendingEvent.Prediction.of(made.event(), amountFeature);
            pending.with(prediction).ifPresent(updated -> {
                store.put(eventId, updated, anchor);
                pending.labels().forEach(label -> forward(record, eventId, prediction, label));
            });
        } else {
            PendingEvent.Label label = PendingEvent.labelOf(((JoinInput.Label) record.value()).event());
            pending.with(label).ifPresent(updated -> {
                store.put(eventId, updated, anchor);
                pending.predictions().forEach(prediction -> forward(record, eventId, prediction, label));
            });
        }
    }

    private KeyValue<Long, PendingEvent> find(String eventId) {
        try (WindowStoreIterator<PendingEvent> entries = store.fetch(eventId, 0L, Long.MAX_VALUE)) {
            return entries.hasNext() ? entries.next() : null;
        }
    }

    private void forward(Record<String, JoinInput> input, String eventId, PendingEvent.Prediction prediction,
                         PendingEvent.Label label) {
        context.forward(input.withValue(PendingEvent.outcome(pipeline, eventId, prediction, label)));
    }
}
