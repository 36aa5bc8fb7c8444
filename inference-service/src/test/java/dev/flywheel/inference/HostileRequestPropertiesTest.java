package dev.flywheel.inference;

import static dev.flywheel.testing.badinput.BadInputClient.assertNoServerError;
import static dev.flywheel.testing.badinput.BadInputRuns.properties;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.badinput.AdversarialBodies;
import dev.flywheel.testing.badinput.Answer;
import dev.flywheel.testing.badinput.BadInputClient;
import dev.flywheel.testing.badinput.Payload;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Properties of every inference endpoint that reads a body, over real HTTP against the running service with a real
 * model serving: hostile bodies (see {@link AdversarialBodies}) at {@code /predict}, {@code /predict/batch}, the
 * KServe {@code /v2/.../infer} (both layouts) and the shadow PUT never get a 5xx, every 4xx says in JSON what was
 * wrong, nothing hangs, and a valid prediction is still answered afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
@Order(Integer.MAX_VALUE) // last of the @QuarkusTests: the shadow property may assign a challenger
class HostileRequestPropertiesTest {

    private static final String PIPELINE = ServingFixture.PIPELINE;
    /** quarkus.http.limits.max-body-size of this service. */
    private static final int BODY_LIMIT = 2 * 1024 * 1024;

    @Inject
    TopicPublisher publisher;
    @Inject
    PipelineCatalog catalog;

    @TestHTTPResource("/")
    URI base;

    private List<String> featureNames;
    private BadInputClient client;

    @BeforeEach
    void modelServing() {
        featureNames = catalog.require(PIPELINE).featureNames();
        ServingFixture.ensureServing(publisher, featureNames);
        client = new BadInputClient(base);
    }

    @AfterEach
    void aValidPredictionIsStillAnswered() {
        Answer answer = client.send("POST", "v1/pipelines/" + PIPELINE + "/predict",
                Payload.json("valid", Json.mapper().createObjectNode().set("features", features()).toString()));
        assertThat(answer.status()).as("a valid prediction after the bad ones: %s", answer).isEqualTo(200);
    }

    @Test
    void hostilePredictRequestsNeverGetAServerError() {
        ObjectNode request = Json.mapper().createObjectNode().put("eventId", "e-1")
                .put("eventTime", "2018-04-01T00:07:56Z");
        request.set("features", features());

        properties().forAll(AdversarialBodies.json(request, BODY_LIMIT)).checkAssert(body ->
                assertNoServerError(client.send("POST", "v1/pipelines/" + PIPELINE + "/predict", body), body));
    }

    @Test
    void hostileBatchesNeverGetAServerError() {
        ArrayNode batch = Json.mapper().createArrayNode();
        batch.addObject().put("eventId", "b-1").set("features", features());
        batch.addObject().put("eventId", "b-2").set("features", features());

        properties().forAll(AdversarialBodies.json(batch, BODY_LIMIT)).checkAssert(body ->
                assertNoServerError(client.send("POST", "v1/pipelines/" + PIPELINE + "/predict/batch", body), body));
    }

    @Test
    void hostileOpenInferenceRequestsNeverGetAServerError() {
        Gen<Payload> bodies = Generate.oneOf(AdversarialBodies.json(perFeature(), BODY_LIMIT),
                AdversarialBodies.json(matrix(), BODY_LIMIT));

        properties().forAll(bodies).checkAssert(body ->
                assertNoServerError(client.send("POST", "v2/models/" + PIPELINE + "/infer", body), body));
    }

    @Test
    void hostileShadowAssignmentsNeverGetAServerError() {
        // A version that does not exist: a mutation keeping it valid is answered 422 (could not load)
        JsonNode request = Json.mapper().createObjectNode().put("version", "987654321");

        properties(100).forAll(AdversarialBodies.json(request, BODY_LIMIT)).checkAssert(body ->
                assertNoServerError(client.send("PUT", "v1/pipelines/" + PIPELINE + "/shadow", body), body));

        // A mutation may have named a version that exists: leave no challenger behind
        assertThat(client.delete("v1/pipelines/" + PIPELINE + "/shadow").status()).isEqualTo(204);
    }

    @Test
    void aBodyPastTheLimitIsRefusedWithoutBeingHeld() {
        Answer answer = client.sendLarge("POST", "v1/pipelines/" + PIPELINE + "/predict/batch", "application/json",
                8L * 1024 * 1024);

        assertThat(answer.status()).as("%s", answer).isEqualTo(413);
    }

    private ObjectNode features() {
        ObjectNode features = Json.mapper().createObjectNode();
        featureNames.forEach(name -> features.put(name, 1.0));
        return features.put("tx_amount", 57.0);
    }

    /** One FP64 tensor of one row per feature. */
    private JsonNode perFeature() {
        ObjectNode body = Json.mapper().createObjectNode().put("id", "request-1");
        ArrayNode inputs = body.putArray("inputs");
        featureNames.forEach(name -> {
            ObjectNode tensor = inputs.addObject().put("name", name).put("datatype", "FP64");
            tensor.putArray("shape").add(1);
            tensor.putArray("data").add(name.equals("tx_amount") ? 57.0 : 1.0);
        });
        return body;
    }

    /** One [1, width] FP64 matrix. */
    private JsonNode matrix() {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode tensor = body.putArray("inputs").addObject().put("name", "input").put("datatype", "FP64");
        tensor.putArray("shape").add(1).add(featureNames.size());
        ArrayNode data = tensor.putArray("data");
        featureNames.forEach(name -> data.add(1.0));
        body.putArray("outputs").addObject().put("name", "score");
        return body;
    }
}
