package dev.flywheel.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A training run whose registry database (a real PostgreSQL) is down when the run comes to register: the run waits
 * and retries, its status endpoint says "registry unavailable, retry n of m in Xs", readiness shows the database
 * down; when the database is started again on the same port and data, the run registers and promotes the version
 * it trained and succeeds. Over real HTTP, against the real broker.
 */
@QuarkusTest
@TestProfile(RegistryOutageProfile.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class RegistryOutageRunTest {

    private static final String PIPELINE = RegistryOutageProfile.PIPELINE;

    @Inject
    PipelineCatalog catalog;

    @Test
    void aRunWhoseRegistryDatabaseIsDownRetriesSaysSoAndRegistersWhenTheDatabaseIsBack() {
        // Given six simulated days of examples, and the registry database stopped
        publishInOneTransaction(SimulatedExamples.days(PIPELINE, catalog.require(PIPELINE).featureNames(), 0, 6));
        RegistryPostgresResource.stopServer();
        long down = System.nanoTime();

        // When a run is asked for and trains
        String id = given().post("/v1/pipelines/{p}/trainings", PIPELINE).then().statusCode(202)
                .extract().path("id");

        // Then, come to register, it waits for the database and says so; readiness shows the database down
        AtomicReference<JsonPath> seen = new AtomicReference<>();
        await("the run waiting for the registry").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    seen.set(run(id));
                    return seen.get().getString("progress.phase").startsWith("registry unavailable, retry");
                });
        assertThat(seen.get().getString("status")).isEqualTo("RUNNING");
        assertThat(seen.get().getString("progress.phase")).matches(
                "(?s)registry unavailable, retry \\d+ of 59 in [0-9.]+s \\(reading the champion: .+\\)");
        given().get("/q/health/ready").then().statusCode(503);

        // When the database is started again on its port and data folder
        RegistryPostgresResource.startServer();
        long back = System.nanoTime();

        // Then the run registers the version it trained, promotes it (the first of the pipeline) and succeeds
        await("the run registering once the database is back").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200)).until(() -> run(id).getString("status").equals("SUCCEEDED"));
        System.out.printf("registry outage run: down %d ms until restarted (last phase: %s); succeeded %d ms after%n",
                TimeUnit.NANOSECONDS.toMillis(back - down), seen.get().getString("progress.phase"),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back));
        JsonPath finished = run(id);
        assertThat(finished.getString("result.version")).isEqualTo("1");
        assertThat(finished.getBoolean("result.promoted")).isTrue();
        JsonPath models = given().get("/v1/pipelines/{p}/models", PIPELINE).then().statusCode(200)
                .extract().jsonPath();
        assertThat(models.getList("versions.version")).containsExactly("1");
        assertThat(models.getString("aliases.champion")).isEqualTo("1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
    }

    private static JsonPath run(String id) {
        return given().get("/v1/pipelines/{p}/trainings/{id}", PIPELINE, id).then().statusCode(200)
                .extract().jsonPath();
    }

    private static void publishInOneTransaction(List<ExampleLabelled> examples) {
        Topic<String, ExampleLabelled> topic = Topics.examples(PIPELINE);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "registry-outage-test-" + UUID.randomUUID());
        try (KafkaProducer<String, ExampleLabelled> producer = new KafkaProducer<>(config,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            examples.forEach(example -> producer.send(new ProducerRecord<>(topic.name(), example.sourceEventId(),
                    example)));
            producer.commitTransaction();
        }
    }
}
