package dev.flywheel.training.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.testing.TestApiKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * The training service's role boundaries over real HTTP with authentication on: starting a training, moving an
 * alias, rolling back and importing a model need {@code admin}; reading the registry any valid key. Also: the
 * Kafka SASL settings of the configuration reach the SmallRye channel's consumer.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class TrainingAuthTest {

    private static final String PIPELINE = "card-fraud";

    @Inject
    KafkaClientService kafkaClients;

    @Test
    void startingATrainingNeedsAdmin() {
        String trainings = "/v1/pipelines/" + PIPELINE + "/trainings";
        given().post(trainings).then().statusCode(401).contentType(ContentType.JSON)
                .body("error", containsString("needs an API key"));
        given().header("X-API-Key", TestApiKeys.UNKNOWN).post(trainings).then().statusCode(401);
        for (String key : List.of(TestApiKeys.INGEST, TestApiKeys.PREDICT, TestApiKeys.READ)) {
            given().header("Authorization", "Bearer " + key).post(trainings).then().statusCode(403)
                    .body("status", is(403)).body("error", containsString("[admin]"));
        }
        // The admin key gets past the check: 202, or 409 when a run of the pipeline is already under way (the
        // service's start-up check may have begun one from examples earlier tests left on the shared broker)
        int status = given().header("Authorization", "Bearer " + TestApiKeys.ADMIN).post(trainings).then()
                .contentType(ContentType.JSON).extract().statusCode();
        assertThat(status).isIn(202, 409);
        // Following the run is reading: any valid key
        given().header("X-API-Key", TestApiKeys.READ).get(trainings).then().statusCode(200);
    }

    @Test
    void registryChangesNeedAdmin() {
        String alias = "/v1/pipelines/" + PIPELINE + "/aliases/champion";
        String rollback = alias + "/rollback";
        Map<String, String> move = Map.of("version", "999999", "reason", "auth test");
        given().contentType(ContentType.JSON).body(move).put(alias).then().statusCode(401);
        given().header("X-API-Key", TestApiKeys.PREDICT).contentType(ContentType.JSON).body(move).put(alias)
                .then().statusCode(403).body("error", containsString("[admin]"));
        given().header("X-API-Key", TestApiKeys.READ).contentType(ContentType.JSON).body("{}").post(rollback)
                .then().statusCode(403);
        given().header("X-API-Key", TestApiKeys.INGEST).contentType("application/octet-stream").body(new byte[] {1})
                .post("/v1/pipelines/{p}/models/import", PIPELINE).then().statusCode(403);
        // The admin key gets past the check to the registry itself, which refuses version 999999 (422)
        given().header("X-API-Key", TestApiKeys.ADMIN).contentType(ContentType.JSON).body(move).put(alias)
                .then().statusCode(422);
    }

    @Test
    void readingTheRegistryNeedsAnyValidKeyAndHealthNone() {
        given().get("/v1/pipelines/{p}/models", PIPELINE).then().statusCode(401);
        for (String key : List.of(TestApiKeys.READ, TestApiKeys.INGEST, TestApiKeys.PREDICT, TestApiKeys.ADMIN)) {
            given().header("X-API-Key", key).get("/v1/pipelines/{p}/models", PIPELINE).then().statusCode(200)
                    .body("pipeline", is(PIPELINE));
        }
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void theKafkaSaslSettingsReachTheSmallRyeChannel() {
        Map<String, ?> drift = kafkaClients.getConsumer("drift").configuration();
        assertThat(drift.get("sasl.mechanism")).isEqualTo(SecuredProfile.SASL_MECHANISM);
        assertThat(String.valueOf(drift.get("sasl.jaas.config"))).contains("ScramLoginModule");
    }
}
