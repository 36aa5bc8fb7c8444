package dev.flywheel.inference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.ModelAliasMoved;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.PlatformConfig;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A challenger set on a pipeline scores the rows the serving model answers, off the request path: its
 * predictions reach the predictions topic marked {@code shadow}, keyed by the same event, and never reach a
 * caller. A version that cannot be loaded is refused with its reason; clearing it stops shadow scoring. The
 * registry's {@code challenger} alias sets it too, until that version is promoted.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class ShadowModeTest {

    private static final String PIPELINE = ServingFixture.PIPELINE;

    @Inject
    TopicPublisher publisher;
    @Inject
    PipelineCatalog catalog;
    @Inject
    PlatformConfig platform;

    @AfterEach
    void noChallenger() {
        given().delete("/v1/pipelines/{p}/shadow", PIPELINE).then().statusCode(204);
    }

    @Test
    void theChallengerScoresEveryAnsweredRowInShadowAndIsNeverReturned() throws Exception {
        // Given a serving model, and a challenger version written to the service's registry and set in shadow
        List<String> featureNames = catalog.require(PIPELINE).featureNames();
        String serving = ServingFixture.ensureServing(publisher, featureNames);
        String challenger = TestModels.nextVersion();
        new TestModels(Path.of(platform.registryDir()), PIPELINE, featureNames).writeVersion(challenger, null);
        given().contentType(ContentType.JSON).body(Map.of("version", challenger))
                .put("/v1/pipelines/{p}/shadow", PIPELINE)
                .then().statusCode(200).body("challenger", is(challenger));

        // When a client asks for predictions on two events (one /v1, one /v1 batch)
        String single = "shadow-" + UUID.randomUUID();
        String inBatch = "shadow-" + UUID.randomUUID();
        JsonNode answer = Json.mapper().readTree(given().contentType(ContentType.JSON)
                .body(Map.of("eventId", single, "features", features(featureNames, 180)))
                .post("/v1/pipelines/{p}/predict", PIPELINE).then().statusCode(200).extract().asString());
        JsonNode batch = Json.mapper().readTree(given().contentType(ContentType.JSON)
                .body(List.of(Map.of("eventId", inBatch, "features", features(featureNames, 20))))
                .post("/v1/pipelines/{p}/predict/batch", PIPELINE).then().statusCode(200).extract().asString());

        // Then the callers get the serving version only
        assertThat(answer.get("modelVersion").asText()).isEqualTo(serving);
        assertThat(batch.get(0).get("modelVersion").asText()).isEqualTo(serving);
        // And each event has the serving prediction and its shadow twin on the topic, the twin by the challenger
        try (var predictions = TopicProbe.of(Topics.predictions(PIPELINE))) {
            for (String event : List.of(single, inBatch)) {
                PredictionMade twin = predictions.await(p -> event.equals(p.sourceEventId()) && p.shadow(),
                        ServingFixture.WAIT);
                PredictionMade served = predictions.await(p -> event.equals(p.sourceEventId()) && !p.shadow(),
                        ServingFixture.WAIT);
                assertThat(twin.modelVersion()).isEqualTo(challenger);
                assertThat(served.modelVersion()).isEqualTo(serving);
                assertThat(twin.eventId()).isNotEqualTo(served.eventId());
                assertThat(twin.features()).isEqualTo(served.features());
            }
        }
    }

    @Test
    void theRegistrysChallengerAliasIsShadowedUntilItBecomesTheChampion() throws Exception {
        // Given a serving model and a new version the registry points its challenger alias at
        List<String> featureNames = catalog.require(PIPELINE).featureNames();
        String serving = ServingFixture.ensureServing(publisher, featureNames);
        String challenger = TestModels.nextVersion();
        ModelPromoted written = new TestModels(Path.of(platform.registryDir()), PIPELINE, featureNames)
                .writeVersion(challenger, serving);

        // When the registry's alias move reaches the models topic
        publisher.publish(Topics.models(), PIPELINE, new ModelAliasMoved(UUID.randomUUID().toString(),
                ModelAliasMoved.SCHEMA_VERSION, PIPELINE, challenger, "challenger", null, "move", "test",
                "trial beside the champion", written.artifactUri(), Instant.now())).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        // Then the version is loaded in shadow beside the serving one, with no call to /shadow
        await().atMost(ServingFixture.WAIT).untilAsserted(() -> given().get("/v1/pipelines/{p}/shadow", PIPELINE)
                .then().statusCode(200).body("challenger", is(challenger)));
        assertThat(ServingFixture.servingVersion()).isEqualTo(serving);

        // And once that version is promoted, it serves and is no longer shadowed (not scored twice)
        publisher.publish(Topics.models(), PIPELINE, new ModelPromoted(UUID.randomUUID().toString(),
                ModelPromoted.SCHEMA_VERSION, PIPELINE, challenger, serving, written.artifactUri(), "beat it",
                Instant.now())).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(ServingFixture.WAIT).untilAsserted(() -> {
            assertThat(ServingFixture.servingVersion()).isEqualTo(challenger);
            given().get("/v1/pipelines/{p}/shadow", PIPELINE).then().statusCode(200).body("challenger", nullValue());
        });
    }

    @Test
    void aChallengerThatCannotBeLoadedIsRefusedWithItsReason() {
        ServingFixture.ensureServing(publisher, catalog.require(PIPELINE).featureNames());
        given().contentType(ContentType.JSON).body(Map.of("version", "987654321"))
                .put("/v1/pipelines/{p}/shadow", PIPELINE)
                .then().statusCode(422)
                .body("challenger", nullValue())
                .body("lastFailure.modelVersion", is("987654321"))
                .body("lastFailure.reason", containsString("987654321"));
        given().contentType(ContentType.JSON).body(Map.of("version", "latest"))
                .put("/v1/pipelines/{p}/shadow", PIPELINE)
                .then().statusCode(400).body("error", containsString("version: a registry version"));
        given().get("/v1/pipelines/{p}/shadow", PIPELINE).then().statusCode(200).body("challenger", nullValue());
    }

    private static Map<String, Object> features(List<String> names, double amount) {
        Map<String, Object> features = new LinkedHashMap<>();
        names.forEach(name -> features.put(name, 1.0));
        features.put("tx_amount", amount);
        return features;
    }
}
