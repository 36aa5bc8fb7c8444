package dev.flywheel.feature.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;
import dev.flywheel.feature.store.StoreKind;

/**
 * Poison records in a {@code TopologyTestDriver} configured with the service's two handlers: each goes to the
 * dead-letter topic (captured by a {@link MockProducer}) with its origin and reason, and the records after it are
 * processed as usual.
 */
class DeadLetterTopologyTest {

    static final PipelineSpec SPEC = PipelineSpecs.parse("shop.yaml", """
            name: shop
            schema:
              id: {type: string, required: true}
              ts: {type: timestamp, required: true}
              customer: {type: string, required: true}
              amount: {type: number, required: true}
            eventId: id
            eventTime: ts
            entities: [customer]
            label: {name: fraud, type: binary, maxDelay: 7d}
            features:
              - {name: amount, value: amount}
              - {name: customer_count_1d, aggregate: count, by: customer, window: 1d}
              - {name: customer_avg_1d, aggregate: avg, of: amount, by: customer, window: 1d}
              - {name: amount_vs_avg, ratio: [amount, customer_avg_1d]}
            model:
              task: binary_classification
              candidates:
                - {name: logistic, type: logistic_regression}
            """);
    static final Instant T0 = Instant.parse("2024-06-01T10:00:00Z");

    MockProducer<byte[], byte[]> deadLetters;
    TopologyTestDriver driver;
    Path stateDir;
    TestInputTopic<byte[], byte[]> rawEvents;
    TestInputTopic<byte[], byte[]> rawLabels;
    TestInputTopic<byte[], byte[]> rawFeatures;
    TestInputTopic<String, EventIngested> events;
    TestInputTopic<String, LabelReceived> labels;
    TestOutputTopic<String, FeaturesComputed> vectors;
    TestOutputTopic<String, ExampleLabelled> examples;

    @BeforeEach
    void start() throws Exception {
        deadLetters = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        stateDir = Files.createTempDirectory("dead-letter-test");
        StreamsBuilder builder = new StreamsBuilder();
        FeatureTopology.build(builder, SPEC, FeatureTopology.Options.defaults().withStores(StoreKind.IN_MEMORY));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "feature-service");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // The service's settings (application.properties), with the dead letters captured instead of sent.
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        config.put(DeadLetters.PRODUCER_CONFIG, deadLetters);
        driver = new TopologyTestDriver(builder.build(), config);

        var bytes = new ByteArraySerializer();
        rawEvents = driver.createInputTopic(Topics.events(SPEC.name()).name(), bytes, bytes);
        rawLabels = driver.createInputTopic(Topics.labels(SPEC.name()).name(), bytes, bytes);
        rawFeatures = driver.createInputTopic(Topics.features(SPEC.name()).name(), bytes, bytes);
        var eventsTopic = Topics.events(SPEC.name());
        events = driver.createInputTopic(eventsTopic.name(), Serdes.String().serializer(),
                eventsTopic.valueSerde().serializer());
        var labelsTopic = Topics.labels(SPEC.name());
        labels = driver.createInputTopic(labelsTopic.name(), Serdes.String().serializer(),
                labelsTopic.valueSerde().serializer());
        var featuresTopic = Topics.features(SPEC.name());
        vectors = driver.createOutputTopic(featuresTopic.name(), Serdes.String().deserializer(),
                featuresTopic.valueSerde().deserializer());
        var examplesTopic = Topics.examples(SPEC.name());
        examples = driver.createOutputTopic(examplesTopic.name(), Serdes.String().deserializer(),
                examplesTopic.valueSerde().deserializer());
    }

    @AfterEach
    void stop() throws Exception {
        driver.close();
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void garbageOnTheEventsTopicIsDeadLetteredAndTheNextEventStillGetsItsVector() {
        // Given bytes that are no JSON at all, then a valid event
        byte[] garbage = {(byte) 0xC3, 0x28, 'n', 'o', 't', ' ', 'j', 's', 'o', 'n'};

        // When both arrive on the events topic
        rawEvents.pipeInput("poison-1".getBytes(StandardCharsets.UTF_8), garbage);
        events.pipeInput("e1", event("e1", T0, "c1", 40.0));

        // Then the garbage is on the dead-letter topic as it was read, with where it came from and why
        ProducerRecord<byte[], byte[]> letter = single(deadLetters.history());
        assertThat(letter.topic()).isEqualTo("flywheel.deadletter");
        assertThat(letter.key()).asString(StandardCharsets.UTF_8).isEqualTo("poison-1");
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(header(letter, DeadLetters.TOPIC)).isEqualTo("flywheel.shop.events");
        assertThat(header(letter, DeadLetters.PARTITION)).isEqualTo("0");
        assertThat(header(letter, DeadLetters.OFFSET)).isEqualTo("0");
        assertThat(header(letter, DeadLetters.APPLICATION)).isEqualTo("feature-service");
        assertThat(header(letter, DeadLetters.REASON)).contains("not a valid EventIngested");
        assertThat(header(letter, DeadLetters.EXCEPTION_CLASS))
                .isEqualTo("org.apache.kafka.common.errors.SerializationException");
        // And the valid event after it has its vector
        assertThat(vectors.readValuesToList()).singleElement()
                .satisfies(vector -> assertThat(vector.features()).containsEntry("amount", 40.0)
                        .containsEntry("customer_count_1d", 1.0));
    }

    @Test
    void anEventLackingARequiredFieldIsDeadLetteredWithTheFieldNamed() {
        // Given JSON that parses but has no eventTime, which EventIngested requires
        ObjectNode incomplete = Json.mapper().createObjectNode().put("eventId", "e0").put("pipeline", "shop");
        incomplete.putObject("payload").put("id", "e0");

        // When it arrives, then a valid label of an unknown event
        rawEvents.pipeInput("e0".getBytes(StandardCharsets.UTF_8), Json.mapper().valueToTree(incomplete).toString()
                .getBytes(StandardCharsets.UTF_8));
        rawLabels.pipeInput("e9".getBytes(StandardCharsets.UTF_8), "[1, 2".getBytes(StandardCharsets.UTF_8));

        // Then both are dead letters, the first naming the missing field, the second its own topic
        List<ProducerRecord<byte[], byte[]>> letters = deadLetters.history();
        assertThat(letters).hasSize(2);
        assertThat(header(letters.get(0), DeadLetters.REASON)).contains("EventIngested");
        assertThat(header(letters.get(0), DeadLetters.CAUSE)).contains("eventTime");
        assertThat(header(letters.get(1), DeadLetters.TOPIC)).isEqualTo("flywheel.shop.labels");
        assertThat(vectors.isEmpty()).isTrue();
    }

    @Test
    void anEventWhosePayloadLacksTheFeatureFieldsGetsDefaultsNotADeadLetter() {
        // Given a readable event whose payload has neither the amount nor the customer, and one with text for a number
        ObjectNode bare = Json.mapper().createObjectNode().put("id", "e1").put("ts", T0.toString());
        ObjectNode wrongType = event("e2", T0, "c1", 0).payload().deepCopy();
        wrongType.put("amount", "forty");

        // When they arrive
        events.pipeInput("e1", EventIngested.of("e1", "shop", T0, T0, "test", bare));
        events.pipeInput("e2", EventIngested.of("e2", "shop", T0, T0, "test", wrongType));

        // Then each gets a vector of defaults (0 for a missing value, the empty window without an entity)
        var byEvent = vectors.readValuesToList();
        assertThat(byEvent).hasSize(2);
        assertThat(byEvent.get(0).features()).containsEntry("amount", 0.0).containsEntry("customer_count_1d", 0.0)
                .containsEntry("amount_vs_avg", 0.0);
        assertThat(byEvent.get(1).features()).containsEntry("amount", 0.0).containsEntry("customer_count_1d", 1.0);
        // And nothing was dead-lettered
        assertThat(deadLetters.history()).isEmpty();
    }

    @Test
    void anEventTimeBeyondTheMillisecondRangeIsDeadLetteredNotFatal() {
        // Given an event whose time parses as an Instant but lies beyond what epoch milliseconds can hold
        ObjectNode farFuture = Json.mapper().valueToTree(event("e0", T0, "c1", 5.0));
        farFuture.put("eventTime", "+300000000-01-01T00:00:00Z");

        // When it arrives, and a valid event after it
        rawEvents.pipeInput("e0".getBytes(StandardCharsets.UTF_8),
                farFuture.toString().getBytes(StandardCharsets.UTF_8));
        events.pipeInput("e1", event("e1", T0, "c1", 40.0));

        // Then it is a dead letter (the stream did not stop on it), and the valid event has its vector
        ProducerRecord<byte[], byte[]> letter = single(deadLetters.history());
        assertThat(header(letter, DeadLetters.TOPIC)).isEqualTo("flywheel.shop.events");
        assertThat(header(letter, DeadLetters.EXCEPTION_CLASS)).isEqualTo(ArithmeticException.class.getName());
        assertThat(vectors.readValuesToList()).singleElement()
                .satisfies(vector -> assertThat(vector.sourceEventId()).isEqualTo("e1"));
    }

    @Test
    void aVectorThatBreaksTheExampleJoinIsDeadLetteredAndLaterExamplesStillCome() {
        // Given a features record someone else wrote without the event time the join needs
        ObjectNode broken = Json.mapper().createObjectNode().put("eventId", "f-x").put("sourceEventId", "x");
        broken.putObject("features").put("amount", 1.0);

        // When it is read back from the features topic, then a valid event and its label go through
        rawFeatures.pipeInput("x".getBytes(StandardCharsets.UTF_8),
                broken.toString().getBytes(StandardCharsets.UTF_8));
        events.pipeInput("e1", event("e1", T0, "c1", 40.0));
        labels.pipeInput("e1", new LabelReceived("l1", LabelReceived.SCHEMA_VERSION, "shop", "e1", 1.0,
                T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(1))));

        // Then the broken record is a dead letter naming the step that failed on it
        ProducerRecord<byte[], byte[]> letter = single(deadLetters.history());
        assertThat(header(letter, DeadLetters.TOPIC)).isEqualTo("flywheel.shop.features");
        assertThat(header(letter, DeadLetters.PROCESSOR)).isEqualTo("shop-join-examples");
        assertThat(header(letter, DeadLetters.EXCEPTION_CLASS)).isEqualTo(NullPointerException.class.getName());
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo(broken.toString());
        // And the valid event still becomes a training example
        assertThat(examples.readValuesToList()).singleElement()
                .satisfies(example -> assertThat(example.sourceEventId()).isEqualTo("e1"));
    }

    private static EventIngested event(String id, Instant time, String customer, double amount) {
        ObjectNode payload = Json.mapper().createObjectNode().put("id", id).put("ts", time.toString())
                .put("customer", customer).put("amount", amount);
        return EventIngested.of(id, "shop", time, time, "test", payload);
    }

    private static ProducerRecord<byte[], byte[]> single(List<ProducerRecord<byte[], byte[]>> letters) {
        assertThat(letters).hasSize(1);
        return letters.get(0);
    }

    private static String header(ProducerRecord<byte[], byte[]> letter, String key) {
        Header header = letter.headers().lastHeader(key);
        assertThat(header).as("header %s", key).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
