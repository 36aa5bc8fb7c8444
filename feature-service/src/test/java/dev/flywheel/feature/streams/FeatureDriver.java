package dev.flywheel.feature.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.feature.store.StoreKind;

/**
 * The feature topology of one spec in a {@link TopologyTestDriver}, with the service's own Kafka Streams settings
 * (exactly-once, explicit names only), fed and read through the platform's topics and serdes.
 */
final class FeatureDriver implements AutoCloseable {

    /** Kafka Streams logs every store and task at INFO; held here so the level is not garbage-collected. */
    private static final Logger KAFKA_LOG = quiet("org.apache.kafka");

    private final PipelineSpec spec;
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, EventIngested> events;
    private final TestInputTopic<String, LabelReceived> labels;
    private final TestOutputTopic<String, FeaturesComputed> vectors;
    private final TestOutputTopic<String, ExampleLabelled> examples;

    /** With the service's RocksDB stores. */
    FeatureDriver(PipelineSpec spec) {
        this(spec, StoreKind.PERSISTENT);
    }

    FeatureDriver(PipelineSpec spec, StoreKind stores) {
        this.spec = spec;
        this.stateDir = stateRoot().resolve(UUID.randomUUID().toString());
        StreamsBuilder builder = new StreamsBuilder();
        FeatureTopology.build(builder, spec, FeatureTopology.Options.defaults().withStores(stores));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "feature-service-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        this.driver = new TopologyTestDriver(builder.build(), config);
        this.events = input(Topics.events(spec.name()));
        this.labels = input(Topics.labels(spec.name()));
        this.vectors = output(Topics.features(spec.name()));
        this.examples = output(Topics.examples(spec.name()));
    }

    /**
     * The driver commits after every record and, the stores being persistent, fsyncs a checkpoint per store each
     * time: on disk that costs tens of milliseconds a record, on tmpfs nothing. Elsewhere state goes under
     * {@code target/} (not the OS temp folder, which Kafka Streams warns about).
     */
    private static Path stateRoot() {
        Path tmpfs = Path.of("/dev/shm");
        return Files.isDirectory(tmpfs) && Files.isWritable(tmpfs) ? tmpfs.resolve("flywheel-feature-tests")
                : Path.of("target", "topology-test-state");
    }

    private static Logger quiet(String category) {
        Logger logger = Logger.getLogger(category);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    /** Pipes an event whose payload holds {@code fields} plus its id and time. */
    void event(String id, Instant time, Map<String, Object> fields) {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put(spec.eventIdField(), id);
        payload.put(spec.eventTimeField(), time.toString());
        fields.forEach((name, value) -> payload.set(name, Json.mapper().valueToTree(value)));
        pipe(EventIngested.of(id, spec.name(), time, time, "test", payload));
    }

    void pipe(EventIngested event) {
        events.pipeInput(event.eventId(), event);
    }

    /** Pipes the label {@code value} of event {@code id}, known from {@code labelTime}. */
    void label(String id, double value, Instant labelTime) {
        String labelId = UUID.nameUUIDFromBytes((id + '|' + value + '|' + labelTime).getBytes()).toString();
        labels.pipeInput(id, new LabelReceived(labelId, LabelReceived.SCHEMA_VERSION, spec.name(), id, value,
                labelTime, labelTime));
    }

    /** Every vector emitted since the last call, by event id, in emission order. */
    Map<String, FeaturesComputed> vectors() {
        Map<String, FeaturesComputed> byEvent = new LinkedHashMap<>();
        vectors.readValuesToList().forEach(vector -> {
            if (byEvent.put(vector.sourceEventId(), vector) != null) {
                throw new AssertionError("two vectors for event " + vector.sourceEventId());
            }
        });
        return byEvent;
    }

    /** Every example emitted since the last call, in emission order. */
    List<ExampleLabelled> examples() {
        return examples.readValuesToList();
    }

    /** A key-value store of the topology, as interactive queries see it. */
    <K, V> KeyValueStore<K, V> keyValueStore(String name) {
        return driver.getKeyValueStore(name);
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> leftovers = Files.walk(stateDir)) {
            leftovers.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException alreadyGone) {
            // The driver removes its task folders itself; what is left is empty folders at most.
        }
    }
}
