package dev.flywheel.inference;

import static dev.flywheel.testing.PoisonRecords.awaitDeadLetter;
import static dev.flywheel.testing.PoisonRecords.garbage;
import static dev.flywheel.testing.PoisonRecords.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.DeadLetterPublisher;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.PoisonRecords;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A poison record on each topic inference consumes ({@code flywheel.<pipeline>.features}, {@code flywheel.models}),
 * produced to the real broker: it lands on the dead-letter topic with its reason and origin, and the record after it
 * is processed as usual.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class PoisonRecordsTest {

    private static final String PIPELINE = ServingFixture.PIPELINE;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    TopicPublisher publisher;
    @Inject
    PipelineCatalog catalog;

    private List<String> featureNames;

    @BeforeEach
    void modelServing() {
        featureNames = catalog.require(PIPELINE).featureNames();
        ServingFixture.ensureServing(publisher, featureNames);
    }

    @Test
    void anUnreadableFeatureVectorIsDeadLetteredAndTheNextOneIsScored() throws Exception {
        // Given garbage, then a valid vector, on the features topic
        String poison = "poison-" + UUID.randomUUID();
        String eventId = "tx-" + UUID.randomUUID();
        PoisonRecords.produce(Topics.features(PIPELINE), poison, garbage(poison));
        publisher.publish(Topics.features(PIPELINE), eventId, vector(eventId)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        // Then the garbage is a dead letter saying why and where from
        ConsumerRecord<byte[], byte[]> letter = awaitDeadLetter(poison, WAIT);
        assertThat(letter.value()).isEqualTo(garbage(poison));
        assertThat(header(letter, DeadLetterPublisher.REASON)).startsWith("unreadable: ");
        assertThat(header(letter, DeadLetterPublisher.TOPIC)).isEqualTo(Topics.features(PIPELINE).name());
        assertThat(header(letter, DeadLetterPublisher.APPLICATION)).isEqualTo("inference-service");
        // And the vector after it has its prediction
        try (var predictions = TopicProbe.of(Topics.predictions(PIPELINE))) {
            assertThat(predictions.await(p -> eventId.equals(p.sourceEventId()), WAIT).pipeline()).isEqualTo(PIPELINE);
        }
    }

    @Test
    void anUnreadableModelEventIsDeadLetteredAndTheNextPromotionServes() {
        // Given garbage on the models topic, keyed like a pipeline's events
        String poison = "poison-models-" + UUID.randomUUID();
        PoisonRecords.produce(Topics.models(), poison, garbage(poison));

        // When a new version is promoted after it (promote waits until it serves)
        ModelPromoted promoted = ServingFixture.promote(publisher, featureNames);

        // Then the garbage is a dead letter with its reason, and the new version serves
        ConsumerRecord<byte[], byte[]> letter = awaitDeadLetter(poison, WAIT);
        assertThat(header(letter, DeadLetterPublisher.REASON)).startsWith("unreadable: ");
        assertThat(header(letter, DeadLetterPublisher.TOPIC)).isEqualTo(Topics.models().name());
        assertThat(ServingFixture.servingVersion()).isEqualTo(promoted.modelVersion());
    }

    private FeaturesComputed vector(String eventId) {
        Map<String, Double> features = new LinkedHashMap<>();
        featureNames.forEach(name -> features.put(name, 2.0));
        return new FeaturesComputed("features-" + eventId, FeaturesComputed.SCHEMA_VERSION, PIPELINE, eventId,
                Instant.parse("2018-04-02T03:04:05Z"), Instant.now(), Map.of("customer_id", "42"), features);
    }
}
