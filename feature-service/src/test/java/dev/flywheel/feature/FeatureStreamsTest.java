package dev.flywheel.feature;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The running service on the real broker: events and labels in, vectors and examples out. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class FeatureStreamsTest {

    static final String PIPELINE = "card-fraud";
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    TopicPublisher publisher;

    @Inject
    PipelineCatalog catalog;

    @Test
    void eventsAndLabelsOnTheBrokerBecomeVectorsAndOneExample() throws Exception {
        // Given two payments of a new customer at a new terminal, a minute apart, and the first one's label
        String run = UUID.randomUUID().toString();
        String first = "tx-" + run + "-1";
        String second = "tx-" + run + "-2";
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant labelTime = t.plus(Duration.ofMinutes(5));

        try (var vectors = TopicProbe.of(Topics.features(PIPELINE));
             var examples = TopicProbe.of(Topics.examples(PIPELINE))) {
            // When they are published to the pipeline's topics, the second once the first was processed (the two
            // ids may sit on different partitions, which are not processed in any set order)
            publishEvent(first, t, "c-" + run, "t-" + run, 40.0);
            FeaturesComputed firstVector = vectors.await(v -> v.sourceEventId().equals(first), PATIENCE);
            publishEvent(second, t.plus(Duration.ofMinutes(1)), "c-" + run, "t-" + run, 60.0);
            publisher.publish(Topics.labels(PIPELINE), first, new LabelReceived("label-" + run,
                    LabelReceived.SCHEMA_VERSION, PIPELINE, first, 1.0, labelTime, labelTime))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);

            // Then each payment gets its vector, in spec order, the customer's window holding both
            FeaturesComputed vector = vectors.await(v -> v.sourceEventId().equals(second), PATIENCE);
            assertThat(List.copyOf(vector.features().keySet())).isEqualTo(catalog.require(PIPELINE).featureNames());
            assertThat(vector.features()).containsEntry("customer_nb_tx_1d", 2.0)
                    .containsEntry("customer_avg_amount_1d", 50.0).containsEntry("tx_amount", 60.0);
            assertThat(firstVector.features()).containsEntry("customer_nb_tx_1d", 1.0);

            // And the labelled one becomes a training example holding the vector emitted at event time
            ExampleLabelled example = examples.await(e -> e.sourceEventId().equals(first), PATIENCE);
            assertThat(example.label()).isEqualTo(1.0);
            assertThat(example.labelTime()).isEqualTo(labelTime);
            assertThat(example.eventTime()).isEqualTo(t);
            assertThat(example.features()).containsExactlyEntriesOf(firstVector.features());
        }

        // And the service reports what it emitted
        given().get("/v1/pipelines/{p}/stats", PIPELINE)
                .then().statusCode(200)
                .body("pipeline", is(PIPELINE))
                .body("vectors", greaterThanOrEqualTo(2))
                .body("examples", greaterThanOrEqualTo(1))
                .body("streamsState", is("RUNNING"));
        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("flywheel_features_vectors_total{pipeline=\"card-fraud\"}"))
                .body(containsString("flywheel_features_examples_total{pipeline=\"card-fraud\"}"));
    }

    @Test
    void statsOfAnUnknownPipelineAre404() {
        given().get("/v1/pipelines/{p}/stats", "no-such-pipeline").then().statusCode(404);
    }

    private void publishEvent(String id, Instant time, String customer, String terminal, double amount)
            throws Exception {
        ObjectNode payload = Json.mapper().createObjectNode()
                .put("transaction_id", id).put("tx_datetime", time.toString())
                .put("customer_id", customer).put("terminal_id", terminal).put("tx_amount", amount);
        publisher.publish(Topics.events(PIPELINE), id, EventIngested.of(id, PIPELINE, time, Instant.now(), "test",
                payload)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
