package dev.flywheel.monitor.outcome;

import java.time.Duration;
import java.util.Collection;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.json.JsonSerde;
import dev.flywheel.contracts.spec.LabelArrival;
import dev.flywheel.contracts.spec.PipelineSpec;

/**
 * Per pipeline: {@code flywheel.<p>.predictions} ({@link PredictionMade}) and {@code flywheel.<p>.labels}
 * ({@link LabelReceived}), both keyed by event id, joined into {@code flywheel.<p>.outcomes}
 * ({@link OutcomeObserved}, keyed by event id).
 *
 * <p>Why a processor with a window store rather than the DSL's windowed stream-stream join: the DSL join emits
 * one result per pair of records, so a re-sent label or a re-delivered prediction would be counted twice and
 * would need a second, deduplicating store anyway; the store here holds each event's distinct predictions and
 * label values once, and emits each (prediction, label value) pair once, whichever arrives first. Both
 * topics are co-partitioned by event id, so the two streams merge without repartitioning. Run with
 * exactly-once processing, the store, the outcomes and the input offsets commit together.
 */
public final class OutcomeTopology {

    private static final Logger LOG = Logger.getLogger(OutcomeTopology.class);

    private OutcomeTopology() {
    }

    /** The name of a pipeline's join store; its changelog topic is derived from it. */
    public static String storeName(String pipeline) {
        return "outcome-join-" + pipeline;
    }

    public static Topology build(Collection<PipelineSpec> specs, Duration grace) {
        StreamsBuilder builder = new StreamsBuilder();
        specs.stream()
                .filter(spec -> spec.label().arrives() == LabelArrival.SEPARATELY)
                .forEach(spec -> addJoin(builder, spec, grace));
        return builder.build();
    }

    private static void addJoin(StreamsBuilder builder, PipelineSpec spec, Duration grace) {
        String p = spec.name();
        Duration retention = spec.label().maxDelay().plus(grace);
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(storeName(p), retention, retention, false),
                Serdes.String(), new JsonSerde<>(PendingEvent.class)));

        Topic<String, PredictionMade> predictionTopic = Topics.predictions(p);
        KStream<String, JoinInput> predictions = builder
                .stream(predictionTopic.name(), Consumed.with(predictionTopic.keySerde(), predictionTopic.valueSerde())
                        .withName("predictions-" + p))
                .filter((key, prediction) -> isJoinable(key, prediction), Named.as("joinable-predictions-" + p))
                .mapValues(prediction -> (JoinInput) new JoinInput.Prediction(prediction), Named.as("as-prediction-" + p));

        Topic<String, LabelReceived> labelTopic = Topics.labels(p);
        KStream<String, JoinInput> labels = builder
                .stream(labelTopic.name(), Consumed.with(labelTopic.keySerde(), labelTopic.valueSerde())
                        .withName("labels-" + p))
                .filter((key, label) -> key != null && label != null && key.equals(label.targetEventId()),
                        Named.as("keyed-labels-" + p))
                .mapValues(label -> (JoinInput) new JoinInput.Label(label), Named.as("as-label-" + p));

        Topic<String, OutcomeObserved> outcomes = Topics.outcomes(p);
        String amountFeature = spec.business().flatMap(business -> business.costs().amountField()).orElse(null);
        predictions.merge(labels, Named.as("predictions-and-labels-" + p))
                .process(() -> new OutcomeJoinProcessor(p, storeName(p), amountFeature), Named.as("join-" + p), storeName(p))
                .to(outcomes.name(), Produced.with(outcomes.keySerde(), outcomes.valueSerde()).withName("outcomes-" + p));
    }

    /**
     * A prediction joins labels only if it names the event it was made for and is keyed by it (the key decides
     * the partition, and so which labels it can meet). Predictions on ad-hoc feature vectors have no event. A
     * challenger's shadow prediction is not joined: the event's served prediction is the one its label judges, and
     * both share the event's key in the join store.
     */
    static boolean isJoinable(String key, PredictionMade prediction) {
        if (prediction == null || prediction.sourceEventId() == null || prediction.shadow()) {
            return false;
        }
        if (!prediction.sourceEventId().equals(key)) {
            LOG.warnf("prediction %s of pipeline %s is keyed %s, not by its event %s: it cannot meet its labels",
                    prediction.eventId(), prediction.pipeline(), key, prediction.sourceEventId());
            return false;
        }
        return true;
    }
}
