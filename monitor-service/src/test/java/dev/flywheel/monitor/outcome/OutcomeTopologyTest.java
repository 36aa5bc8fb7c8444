package dev.flywheel.monitor.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.monitor.DemoSpec;

class OutcomeTopologyTest {

    private static final PipelineSpec SPEC = DemoSpec.cardFraud();
    private static final String P = SPEC.name();
    private static final Duration GRACE = Duration.ofDays(1);
    private static final Instant T0 = Instant.parse("2018-05-01T10:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, PredictionMade> predictions;
    private TestInputTopic<String, LabelReceived> labels;
    private TestOutputTopic<String, OutcomeObserved> outcomes;

    @BeforeEach
    void startTopology() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "outcome-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "topology-test-state", UUID.randomUUID().toString()).toString());
        driver = new TopologyTestDriver(OutcomeTopology.build(List.of(SPEC), GRACE), config);
        predictions = input(Topics.predictions(P));
        labels = input(Topics.labels(P));
        Topic<String, OutcomeObserved> out = Topics.outcomes(P);
        outcomes = driver.createOutputTopic(out.name(), out.keySerde().deserializer(), out.valueSerde().deserializer());
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void aLabelArrivingAfterThePredictionMakesOneOutcome() {
        // Given a prediction for event e1
        predictions.pipeInput("e1", prediction("p1", "e1", "7", 0.83, T0));

        // When its label arrives a week later
        labels.pipeInput("e1", label("e1", 1.0, T0.plus(Duration.ofDays(7))));

        // Then one outcome joins both, keyed by the event id
        var outcome = outcomes.readKeyValue();
        assertThat(outcome.key).isEqualTo("e1");
        assertThat(outcome.value.predictionId()).isEqualTo("p1");
        assertThat(outcome.value.sourceEventId()).isEqualTo("e1");
        assertThat(outcome.value.modelVersion()).isEqualTo("7");
        assertThat(outcome.value.score()).isEqualTo(0.83);
        assertThat(outcome.value.decision()).isTrue();
        assertThat(outcome.value.label()).isEqualTo(1.0);
        assertThat(outcome.value.eventTime()).isEqualTo(T0);
        assertThat(outcome.value.labelTime()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(outcome.value.pipeline()).isEqualTo(P);
        // and the amount the spec's business section values the decision by (tx_amount of the prediction)
        assertThat(outcome.value.amount()).isEqualTo(12.5);
        assertThat(outcomes.isEmpty()).isTrue();
    }

    @Test
    void aChallengersShadowPredictionOfTheSameEventIsNotJudgedInPlaceOfTheServedOne() {
        // Given the served version's prediction and a challenger's shadow prediction of event e9
        predictions.pipeInput("e9", prediction("p9", "e9", "7", 0.83, T0));
        PredictionMade served = prediction("p9-shadow", "e9", "8", 0.12, T0);
        predictions.pipeInput("e9", new PredictionMade(served.eventId(), served.schemaVersion(), served.pipeline(),
                served.sourceEventId(), served.modelVersion(), served.score(), served.decision(), served.features(),
                served.eventTime(), served.predictedAt(), served.latencyMicros(), true));

        // When the label arrives
        labels.pipeInput("e9", label("e9", 1.0, T0.plus(Duration.ofDays(1))));

        // Then one outcome judges the served version's prediction
        var outcome = outcomes.readKeyValue();
        assertThat(outcome.value.predictionId()).isEqualTo("p9");
        assertThat(outcome.value.modelVersion()).isEqualTo("7");
        assertThat(outcomes.isEmpty()).isTrue();
    }

    @Test
    void aLabelArrivingBeforeThePredictionStillJoins() {
        // Given the label is processed first (e.g. the prediction log lagged)
        labels.pipeInput("e2", label("e2", 0.0, T0.plusSeconds(30)));
        assertThat(outcomes.isEmpty()).isTrue();

        // When the prediction arrives
        predictions.pipeInput("e2", prediction("p2", "e2", "7", 0.1, T0));

        // Then they join
        assertThat(outcomes.readValuesToList()).singleElement()
                .satisfies(outcome -> assertThat(outcome.label()).isEqualTo(0.0))
                .satisfies(outcome -> assertThat(outcome.predictionId()).isEqualTo("p2"));
    }

    @Test
    void aDuplicateLabelOrPredictionJoinsNothingAgain() {
        predictions.pipeInput("e3", prediction("p3", "e3", "7", 0.4, T0));
        labels.pipeInput("e3", label("e3", 1.0, T0.plus(Duration.ofDays(2))));

        // When the same label is sent again, and the same prediction re-delivered
        labels.pipeInput("e3", label("e3", 1.0, T0.plus(Duration.ofDays(3))));
        predictions.pipeInput("e3", prediction("p3", "e3", "7", 0.4, T0));

        // Then there is still one outcome
        assertThat(outcomes.readValuesToList()).hasSize(1);
    }

    @Test
    void aCorrectedLabelValueJudgesThePredictionOnceMore() {
        predictions.pipeInput("e4", prediction("p4", "e4", "7", 0.4, T0));
        labels.pipeInput("e4", label("e4", 0.0, T0.plus(Duration.ofDays(1))));

        labels.pipeInput("e4", label("e4", 1.0, T0.plus(Duration.ofDays(5))));

        assertThat(outcomes.readValuesToList()).extracting(OutcomeObserved::label).containsExactly(0.0, 1.0);
    }

    @Test
    void everyPredictionOfAnEventIsJoinedWithItsLabel() {
        // Given the stream scorer and an HTTP caller both predicted event e5, with different versions
        predictions.pipeInput("e5", prediction("p5-stream", "e5", "7", 0.9, T0));
        predictions.pipeInput("e5", prediction("p5-http", "e5", "8", 0.6, T0));

        labels.pipeInput("e5", label("e5", 1.0, T0.plus(Duration.ofDays(1))));

        assertThat(outcomes.readValuesToList()).extracting(OutcomeObserved::predictionId, OutcomeObserved::modelVersion)
                .containsExactlyInAnyOrder(tuple("p5-stream", "7"),
                        tuple("p5-http", "8"));
    }

    @Test
    void aPredictionWithoutLabelOrEventMakesNoOutcome() {
        predictions.pipeInput("e6", prediction("p6", "e6", "7", 0.9, T0));
        // an ad-hoc prediction names no event; one keyed by its prediction id cannot meet its labels
        predictions.pipeInput("p7", prediction("p7", null, "7", 0.9, T0));
        predictions.pipeInput("p8", prediction("p8", "e8", "7", 0.9, T0));
        labels.pipeInput("e8", label("e8", 1.0, T0.plusSeconds(60)));

        assertThat(outcomes.isEmpty()).isTrue();
    }

    @Test
    void aLabelLaterThanMaxDelayPlusGraceFindsThePredictionForgotten() {
        predictions.pipeInput("e9", prediction("p9", "e9", "7", 0.9, T0));
        Instant tooLate = T0.plus(SPEC.label().maxDelay()).plus(GRACE).plus(Duration.ofDays(2));
        // event time moves on: other events' predictions are filed under later times
        predictions.pipeInput("e10", prediction("p10", "e10", "7", 0.2, tooLate));

        labels.pipeInput("e9", label("e9", 1.0, tooLate));
        labels.pipeInput("e10", label("e10", 0.0, tooLate.plusSeconds(1)));

        assertThat(outcomes.readValuesToList()).extracting(OutcomeObserved::predictionId).containsExactly("p10");
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private static PredictionMade prediction(String id, String eventId, String version, double score, Instant eventTime) {
        return new PredictionMade(id, PredictionMade.SCHEMA_VERSION, P, eventId, version, score, score >= 0.5,
                Map.of("tx_amount", 12.5), eventTime, eventTime.plusMillis(20), 150);
    }

    private static LabelReceived label(String eventId, double value, Instant labelTime) {
        return new LabelReceived("l-" + eventId + "-" + value, LabelReceived.SCHEMA_VERSION, P, eventId, value,
                labelTime, labelTime.plusSeconds(1));
    }
}
