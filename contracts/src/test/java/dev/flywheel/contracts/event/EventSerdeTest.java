package dev.flywheel.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.json.JsonSerde;
import dev.flywheel.contracts.spec.FieldViolation;

class EventSerdeTest {

    private static final Instant T0 = Instant.parse("2018-04-01T00:07:56Z");

    @Test
    void everyEventSurvivesTheTripThroughItsTopicSerde() throws Exception {
        JsonNode payload = Json.mapper().readTree("{\"transaction_id\":\"7\",\"tx_amount\":57.16}");
        var ingested = EventIngested.of("7", "card-fraud", T0, T0.plusSeconds(1), "http", payload);
        var rejected = new RecordRejected("r-1", 1, "card-fraud", "event", "kafka", T0, "{\"tx_amount\":-1}",
                List.of(new FieldViolation("tx_amount", "must be >= 0 but was -1")));
        var label = new LabelReceived("l-1", 1, "card-fraud", "7", 1.0, T0.plusSeconds(86400), T0.plusSeconds(86401));
        var features = new FeaturesComputed("f-1", 1, "card-fraud", "7", T0, T0, Map.of("customer_id", "12"),
                Map.of("tx_amount", 57.16, "customer_nb_tx_1d", 2.0));
        var prediction = new PredictionMade("p-1", 1, "card-fraud", "7", "3", 0.91, true, Map.of("tx_amount", 57.16),
                T0, T0, 80);
        var outcome = new OutcomeObserved("o-1", 1, "card-fraud", "p-1", "7", "3", 0.91, true, 1.0, T0, T0, T0);

        assertRoundTrip(Topics.events("card-fraud").valueSerde(), ingested);
        assertRoundTrip(Topics.rejected("card-fraud").valueSerde(), rejected);
        assertRoundTrip(Topics.labels("card-fraud").valueSerde(), label);
        assertRoundTrip(Topics.features("card-fraud").valueSerde(), features);
        assertRoundTrip(Topics.predictions("card-fraud").valueSerde(), prediction);
        assertRoundTrip(Topics.outcomes("card-fraud").valueSerde(), outcome);
    }

    @Test
    void modelLifecycleEventsKeepTheirKindOnTheSharedTopic() {
        var serde = Topics.models().valueSerde();
        ModelLifecycleEvent registered = new ModelRegistered("m-1", 1, "card-fraud", "4", "mlp", "file:///r/4",
                Map.of("average_precision", 0.66), List.of(new OffsetRange("flywheel.card-fraud.examples", 0, 0, 900)),
                "drift", T0);
        ModelLifecycleEvent promoted = new ModelPromoted("m-2", 1, "card-fraud", "4", "3", "file:///r/4",
                "better average_precision", T0);

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", registered)))
                .isInstanceOf(ModelRegistered.class).isEqualTo(registered);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", promoted)))
                .isInstanceOf(ModelPromoted.class).isEqualTo(promoted);
    }

    @Test
    void readersIgnoreFieldsAddedByNewerProducers() {
        String newer = "{\"eventId\":\"d-1\",\"schemaVersion\":2,\"pipeline\":\"card-fraud\",\"modelVersion\":\"3\","
                + "\"kind\":\"ACCURACY\",\"metric\":\"average_precision\",\"observed\":0.2,\"threshold\":0.35,"
                + "\"detectedAt\":\"2018-05-01T00:00:00Z\",\"severity\":\"high\"}";

        DriftDetected drift = Topics.drift().valueSerde().deserializer()
                .deserialize("flywheel.drift", newer.getBytes(StandardCharsets.UTF_8));

        assertThat(drift.kind()).isEqualTo(DriftDetected.Kind.ACCURACY);
        assertThat(drift.observed()).isEqualTo(0.2);
        assertThat(drift.details()).isEmpty();
    }

    @Test
    void aPoisonRecordFailsWithTheTopicAndTypeNamed() {
        var deserializer = Topics.labels("card-fraud").valueSerde().deserializer();

        assertThatThrownBy(() -> deserializer.deserialize("flywheel.card-fraud.labels",
                "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("flywheel.card-fraud.labels")
                .hasMessageContaining("LabelReceived");
    }

    @Test
    void aSerdeCreatedByClassNameTakesItsTypeFromClientConfig() {
        var byName = new JsonSerde<LabelReceived>();
        byName.configure(Map.of(JsonSerde.TYPE_CONFIG, LabelReceived.class.getName()), false);
        var label = new LabelReceived("l-1", 1, "card-fraud", "7", 0.0, T0, T0);

        assertThat(byName.deserialize("t", byName.serialize("t", label))).isEqualTo(label);
    }

    private static <T> void assertRoundTrip(org.apache.kafka.common.serialization.Serde<T> serde, T value) {
        byte[] bytes = serde.serializer().serialize("t", value);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("1522541276"); // instants as ISO text
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(value);
    }
}
