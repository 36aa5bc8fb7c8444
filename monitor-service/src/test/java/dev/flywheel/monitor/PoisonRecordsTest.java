package dev.flywheel.monitor;

import static dev.flywheel.testing.PoisonRecords.awaitDeadLetter;
import static dev.flywheel.testing.PoisonRecords.garbage;
import static dev.flywheel.testing.PoisonRecords.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.DeadLetterPublisher;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.PoisonRecords;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A poison record on each topic the monitor consumes, produced to the real broker: models, drift, outcomes and
 * predictions (the monitor feed) and predictions and labels (the outcome join) each send it to the dead-letter topic
 * with a reason, and both go on: a later promotion is served and a later prediction and label become an outcome.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class PoisonRecordsTest {

    private static final String P = "card-fraud";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Inject
    TopicPublisher publisher;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void garbageOnEveryConsumedTopicIsDeadLetteredAndMonitoringGoesOn() {
        // Given garbage on every topic the monitor reads
        List<Topic<?, ?>> consumed = List.of(Topics.models(), Topics.drift(), Topics.outcomes(P), Topics.predictions(P),
                Topics.labels(P));
        consumed.forEach(topic -> PoisonRecords.produce(topic, key(topic), garbage(run)));

        // Then each is a dead letter naming its topic and why
        for (Topic<?, ?> topic : consumed) {
            ConsumerRecord<byte[], byte[]> letter = awaitDeadLetter(key(topic), TIMEOUT);
            assertThat(header(letter, DeadLetterPublisher.TOPIC)).isEqualTo(topic.name());
            assertThat(header(letter, DeadLetterPublisher.REASON)).as("reason of %s", topic.name())
                    .containsAnyOf("the monitor feed cannot use it", "the outcome join cannot read it");
            assertThat(letter.value()).isEqualTo(garbage(run));
        }

        // And the feed goes on: a promotion after the garbage is served
        String version = "poison-" + run;
        publisher.publish(Topics.models(), P, new ModelPromoted("pro-" + run, 1, P, version, null, "file:///m/" + run,
                "test", Instant.now())).toCompletableFuture().join();
        await().atMost(TIMEOUT).until(() -> version.equals(given().get("/v1/pipelines/{p}/quality", P)
                .then().statusCode(200).extract().jsonPath().getString("servedVersion")));

        // And the join goes on: a prediction and its label after the garbage become an outcome
        String eventId = "tx-" + run;
        Instant eventTime = Instant.now().minus(Duration.ofHours(1));
        try (TopicProbe<OutcomeObserved> outcomes = TopicProbe.of(Topics.outcomes(P))) {
            publisher.publish(Topics.predictions(P), eventId, new PredictionMade("p-" + run, 1, P, eventId, version, 0.9,
                    true, Map.of("tx_amount", 10.0), eventTime, eventTime.plusMillis(5), 100)).toCompletableFuture().join();
            publisher.publish(Topics.labels(P), eventId, new LabelReceived("l-" + run, 1, P, eventId, 1.0,
                    eventTime.plus(Duration.ofMinutes(5)), Instant.now())).toCompletableFuture().join();
            assertThat(outcomes.await(o -> eventId.equals(o.sourceEventId()), TIMEOUT).label()).isEqualTo(1.0);
        }
    }

    private String key(Topic<?, ?> topic) {
        return "poison-" + run + "-" + topic.name();
    }
}
