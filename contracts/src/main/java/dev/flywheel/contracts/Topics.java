package dev.flywheel.contracts;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.event.ModelLifecycleEvent;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.contracts.event.SourcePositionSaved;
import dev.flywheel.contracts.json.JsonSerde;

/**
 * Every topic of the platform: per-pipeline topics are named {@code flywheel.<pipeline>.<stream>},
 * platform-wide ones {@code flywheel.<stream>}. {@code docs/events.md} describes each one; a test
 * keeps the two in step.
 *
 * <p>Per-pipeline topics are keyed by the id of the event they concern, so that an event, its
 * features, its prediction and its label land in the same partition number and can be joined
 * without repartitioning.
 */
public final class Topics {

    private static final Pattern PIPELINE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    private Topics() {
    }

    /** Raw events from any client (kcat, Python, Java), not yet validated; key optional. */
    public static Topic<String, String> rawEvents(String pipeline) {
        return text(pipeline, "events.raw", WEEK);
    }

    /** Raw labels from any client, not yet validated. */
    public static Topic<String, String> rawLabels(String pipeline) {
        return text(pipeline, "labels.raw", WEEK);
    }

    /** Validated events, keyed by event id. Kept a month: the source of features and profiles. */
    public static Topic<String, EventIngested> events(String pipeline) {
        return json(pipeline, "events", EventIngested.class, MONTH);
    }

    /** Refused records with their reasons, keyed by pipeline. */
    public static Topic<String, RecordRejected> rejected(String pipeline) {
        return json(pipeline, "rejected", RecordRejected.class, MONTH);
    }

    /** Validated labels, keyed by the id of the event they label. */
    public static Topic<String, LabelReceived> labels(String pipeline) {
        return json(pipeline, "labels", LabelReceived.class, MONTH);
    }

    /** One feature vector per event, keyed by event id. */
    public static Topic<String, FeaturesComputed> features(String pipeline) {
        return json(pipeline, "features", FeaturesComputed.class, MONTH);
    }

    /** Feature vectors joined with their labels: the training data. Kept forever. */
    public static Topic<String, ExampleLabelled> examples(String pipeline) {
        return json(pipeline, "examples", ExampleLabelled.class, null);
    }

    /** Every prediction served, keyed by the event id it was made for (or the prediction id). */
    public static Topic<String, PredictionMade> predictions(String pipeline) {
        return json(pipeline, "predictions", PredictionMade.class, MONTH);
    }

    /** Predictions joined with their labels, keyed by event id. */
    public static Topic<String, OutcomeObserved> outcomes(String pipeline) {
        return json(pipeline, "outcomes", OutcomeObserved.class, MONTH);
    }

    /** Model registrations and promotions of all pipelines, keyed by pipeline. Kept forever. */
    public static Topic<String, ModelLifecycleEvent> models() {
        return new Topic<>("flywheel.models", Serdes.String(), new JsonSerde<>(ModelLifecycleEvent.class),
                ModelLifecycleEvent.class, null);
    }

    /** Drift verdicts of all pipelines, keyed by pipeline. */
    public static Topic<String, DriftDetected> drift() {
        return new Topic<>("flywheel.drift", Serdes.String(), new JsonSerde<>(DriftDetected.class),
                DriftDetected.class, MONTH);
    }

    /**
     * Where each pull source of the ingest service has read up to, keyed {@code <pipeline>/<source>}; compacted so
     * the latest position of every source is kept forever. Written in the same transaction as the records read.
     */
    public static Topic<String, SourcePositionSaved> sourcePositions() {
        return new Topic<>("flywheel.ingest.positions", Serdes.String(), new JsonSerde<>(SourcePositionSaved.class),
                SourcePositionSaved.class, null, true);
    }

    /** Records no consumer could process, as received, with headers naming origin and error. */
    public static Topic<byte[], byte[]> deadLetter() {
        return new Topic<>("flywheel.deadletter", Serdes.ByteArray(), Serdes.ByteArray(), byte[].class, MONTH);
    }

    /** The topics a pipeline needs, in flow order. */
    public static List<Topic<?, ?>> forPipeline(String pipeline) {
        return List.of(rawEvents(pipeline), rawLabels(pipeline), events(pipeline), rejected(pipeline),
                labels(pipeline), features(pipeline), examples(pipeline), predictions(pipeline),
                outcomes(pipeline));
    }

    /** The topics shared by all pipelines. */
    public static List<Topic<?, ?>> platform() {
        return List.of(models(), drift(), deadLetter(), sourcePositions());
    }

    private static Topic<String, String> text(String pipeline, String stream, Duration retention) {
        return new Topic<>(name(pipeline, stream), Serdes.String(), Serdes.String(), String.class, retention);
    }

    private static <V> Topic<String, V> json(String pipeline, String stream, Class<V> type, Duration retention) {
        Serde<V> serde = new JsonSerde<>(type);
        return new Topic<>(name(pipeline, stream), Serdes.String(), serde, type, retention);
    }

    private static String name(String pipeline, String stream) {
        if (pipeline == null || !PIPELINE_NAME.matcher(pipeline).matches()) {
            throw new IllegalArgumentException("pipeline name must match " + PIPELINE_NAME + " but was '" + pipeline + "'");
        }
        return "flywheel." + pipeline + "." + stream;
    }
}
