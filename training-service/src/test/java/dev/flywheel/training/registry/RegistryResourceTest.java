package dev.flywheel.training.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.ModelAliasMoved;
import dev.flywheel.contracts.event.ModelLifecycleEvent;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.spec.ModelType;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.model.LabelledMatrix;
import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.NetworkTrainer;
import dev.flywheel.model.TrainedNetwork;
import dev.flywheel.model.TrainingParams;
import dev.flywheel.model.TrainingProgress;
import dev.flywheel.model.registry.ArtifactChecksumException;
import dev.flywheel.model.registry.ArtifactFile;
import dev.flywheel.model.registry.RegistryClient;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.testing.TopicProbe;
import dev.flywheel.training.eda.EdaTestProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The registry's HTTP API on the running service, with the real broker: versions, files with their SHA-256,
 * the HTTP client fetching and loading a version, a tampered file rejected, and alias moves and rollbacks
 * audited and published on {@code flywheel.models}. Uses the {@code eda-demo} pipeline (no training of it
 * ever starts) and registers three small logistic regressions itself.
 */
@QuarkusTest
@TestProfile(EdaTestProfile.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryResourceTest {

    private static final String P = EdaTestProfile.PIPELINE;
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);
    private static boolean registered;

    @Inject
    ModelRegistry registry;

    @Inject
    PipelineCatalog catalog;

    @TestHTTPResource("/v1/pipelines/" + P + "/models/2")
    URI versionTwo;

    @TestHTTPResource("/v1/pipelines/" + P + "/models/3")
    URI versionThree;

    @TempDir
    Path cache;

    @BeforeEach
    void registerThreeVersionsOnce() {
        if (registered) {
            return;
        }
        TrainedNetwork network = tinyNetwork();
        for (int i = 1; i <= 3; i++) {
            String parent = i == 1 ? null : Integer.toString(i - 1);
            registry.register(P, Lineage.of(catalog.require(P), parent, i == 3 ? "drift-event-7" : null),
                    version -> metadata(version, network), network);
        }
        registered = true;
    }

    @Test
    @Order(1)
    void versionsAreListedWithTheirLineageAndFiles() {
        // When the registry is read over HTTP
        JsonPath listing = given().get("/v1/pipelines/{p}/models", P).then().statusCode(200).extract().jsonPath();
        JsonPath two = given().get("/v1/pipelines/{p}/models/{v}", P, "2").then().statusCode(200).extract().jsonPath();

        // Then the versions are newest first, none promoted yet, and version 2 names its parent, spec and files
        assertThat(listing.getList("versions.version")).containsExactly("3", "2", "1");
        assertThat(listing.getString("promotedVersion")).isNull();
        assertThat(listing.getString("versions[0].driftEventId")).isEqualTo("drift-event-7");
        assertThat(two.getString("parentVersion")).isEqualTo("1");
        assertThat(two.getString("specHash")).isEqualTo(Lineage.hashOf(catalog.require(P)));
        assertThat(two.getString("metadata.version")).isEqualTo("2");
        assertThat(two.getList("files.name")).containsExactly("model.json", "model.params");
        ArtifactFile params = ArtifactFile.of(registry.versionDir(P, "2").resolve("model.params"));
        assertThat(two.getString("files[1].sha256")).isEqualTo(params.sha256());
        assertThat(two.getLong("files[1].size")).isEqualTo(params.size());
    }

    @Test
    @Order(0)
    void theServiceIsReadyOnlyWithItsRegistryDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'registry-database' }.status", is("UP"))
                .body("checks.find { it.name == 'registry-database' }.data.database", is("H2"));
    }

    @Test
    @Order(2)
    void aFileIsServedWithItsSha256InETagAndDigest() throws IOException {
        // Given the parameters file of version 2 as the registry lists it
        Path onDisk = registry.versionDir(P, "2").resolve("model.params");
        ArtifactFile listed = ArtifactFile.of(onDisk);

        // When it is downloaded
        Response response = given().get("/v1/pipelines/{p}/models/{v}/files/{name}", P, "2", "model.params");

        // Then the bytes are the file's, and the headers carry its SHA-256
        response.then().statusCode(200).contentType("application/octet-stream");
        assertThat(response.asByteArray()).isEqualTo(Files.readAllBytes(onDisk));
        assertThat(response.header("ETag")).isEqualTo("\"" + listed.sha256() + "\"");
        assertThat(response.header("Digest")).isEqualTo("sha-256=" + listed.sha256Base64());
        assertThat(response.header("Repr-Digest")).isEqualTo("sha-256=:" + listed.sha256Base64() + ":");

        // And a client holding that tag gets 304; unknown files and versions are 404 naming the path field
        given().header("If-None-Match", "\"" + listed.sha256() + "\"")
                .get("/v1/pipelines/{p}/models/{v}/files/{name}", P, "2", "model.params").then().statusCode(304);
        given().get("/v1/pipelines/{p}/models/{v}/files/{name}", P, "2", "secrets.txt").then().statusCode(404)
                .body("field", is("name")).body("error", is("version 2 of eda-demo has no file 'secrets.txt'"));
        given().get("/v1/pipelines/{p}/models/{v}/files/{name}", P, "9", "model.params").then().statusCode(404)
                .body("field", is("version")).body("error", is("no version '9' of eda-demo"));
        given().urlEncodingEnabled(false).get("/v1/pipelines/" + P + "/models/2/files/..%2F1%2Fmodel.params")
                .then().statusCode(404);
    }

    @Test
    @Order(3)
    void theClientFetchesAVersionOverHttpVerifiesItAndItLoads() {
        // When model-core's client fetches version 2 from its URL (then again, from its cache)
        RegistryClient client = RegistryClient.create(cache, Duration.ofSeconds(10));
        long started = System.nanoTime();
        Path folder = client.fetch(versionTwo);
        long fetched = System.nanoTime();
        client.fetch(versionTwo);
        System.out.printf("registry client: version 2 fetched in %.1f ms, from the cache in %.1f ms%n",
                (fetched - started) / 1e6, (System.nanoTime() - fetched) / 1e6);

        // Then the folder holds the listed files and loads as version 2
        assertThat(folder).isEqualTo(cache.toAbsolutePath().resolve(P).resolve("2"));
        try (LoadedModel model = ModelArtifacts.load(folder)) {
            assertThat(model.metadata().version()).isEqualTo("2");
            assertThat(model.scorer().score(new double[] {3.0, 0.0})).isBetween(0.0, 1.0);
        }
    }

    @Test
    @Order(4)
    void aTamperedArtifactIsRejectedByTheClient() throws IOException {
        // Given version 3's parameters changed on the registry's disk after they were registered
        Path params = registry.versionDir(P, "3").resolve("model.params");
        byte[] original = Files.readAllBytes(params);
        byte[] tampered = original.clone();
        tampered[tampered.length - 1] ^= 0x01;
        Files.write(params, tampered);
        try {
            // When the client fetches version 3, then the mismatch is named and nothing is cached
            assertThatThrownBy(() -> RegistryClient.create(cache, Duration.ofSeconds(10)).fetch(versionThree))
                    .isInstanceOf(ArtifactChecksumException.class)
                    .hasMessageContaining("model.params of pipeline eda-demo version 3")
                    .hasMessageContaining("but the registry lists " + original.length + " bytes with SHA-256 "
                            + ArtifactFile.of(registry.versionDir(P, "2").resolve("model.params")).sha256());
            assertThat(cache.resolve(P).resolve("3")).doesNotExist();
        } finally {
            Files.write(params, original);
        }
    }

    @Test
    @Order(5)
    void aliasMovesAndRollbacksAreAuditedAndPublished() {
        try (TopicProbe<ModelLifecycleEvent> models = TopicProbe.of(Topics.models())) {
            // Given champion moved to 1, 2 and 3 in turn, and version 2 made challenger
            for (String version : List.of("1", "2", "3")) {
                move("champion", version, "release " + version).then().statusCode(200)
                        .body("moved", is(true)).body("version", is(version));
            }
            move("challenger", "2", "shadow trial").then().statusCode(200).body("move.fromVersion", is((String) null));
            ModelAliasMoved challenger = (ModelAliasMoved) models.await(event -> event instanceof ModelAliasMoved m
                    && m.pipeline().equals(P), EVENT_TIMEOUT);
            assertThat(challenger.alias()).isEqualTo("challenger");
            assertThat(challenger.modelVersion()).isEqualTo("2");
            assertThat(challenger.actor()).isEqualTo("alice");

            // When the champion is rolled back twice
            long started = System.nanoTime();
            given().contentType(ContentType.JSON).body(Map.of("reason", "AP dropped", "actor", "bob"))
                    .post("/v1/pipelines/{p}/aliases/champion/rollback", P)
                    .then().statusCode(200).body("version", is("2")).body("move.fromVersion", is("3"));
            System.out.printf("rollback answered (audited, event acknowledged by the broker) in %.1f ms%n",
                    (System.nanoTime() - started) / 1e6);
            given().post("/v1/pipelines/{p}/aliases/champion/rollback", P)
                    .then().statusCode(200).body("version", is("1"));

            // Then inference services are told: a ModelPromoted for the rollback, naming both versions and why
            ModelPromoted rollback = (ModelPromoted) models.await(event -> event instanceof ModelPromoted p
                    && p.pipeline().equals(P) && p.reason().startsWith("rollback from 3 to 2"), EVENT_TIMEOUT);
            assertThat(rollback.modelVersion()).isEqualTo("2");
            assertThat(rollback.previousVersion()).isEqualTo("3");
            assertThat(rollback.reason()).isEqualTo("rollback from 3 to 2 by bob: AP dropped");
            assertThat(rollback.artifactUri()).startsWith("file:").endsWith("/" + P + "/2/");
            models.await(event -> event instanceof ModelPromoted p && p.pipeline().equals(P)
                    && "1".equals(p.modelVersion()) && "2".equals(p.previousVersion()), EVENT_TIMEOUT);
            assertThat(models.seen().stream().filter(event -> event instanceof ModelPromoted p
                    && p.pipeline().equals(P))).hasSize(5);

            // And version 1 replaced no champion: a third rollback has nowhere to go
            given().post("/v1/pipelines/{p}/aliases/champion/rollback", P).then().statusCode(409)
                    .body("error", is("champion 1 of eda-demo replaced no earlier champion;"
                            + " name the version to roll back to"));
        }

        // And the history says who moved what, when and why, newest first
        JsonPath history = given().get("/v1/pipelines/{p}/aliases/{a}/history", P, "champion").then().statusCode(200)
                .extract().jsonPath();
        assertThat(history.getList("toVersion")).containsExactly("1", "2", "3", "2", "1");
        assertThat(history.getList("fromVersion")).containsExactly("2", "3", "2", "1", null);
        assertThat(history.getList("action")).containsExactly("rollback", "rollback", "move", "move", "move");
        assertThat(history.getList("actor")).containsExactly("http", "bob", "alice", "alice", "alice");
        assertThat(history.getString("[3].reason")).isEqualTo("release 2");
        assertThat(Instant.parse(history.getString("[0].movedAt"))).isAfter(Instant.parse(history.getString("[4].movedAt")));
        given().get("/v1/pipelines/{p}/aliases", P).then().statusCode(200)
                .body("champion", is("1")).body("challenger", is("2"));
        given().get("/v1/pipelines/{p}/models", P).then().statusCode(200)
                .body("promotedVersion", is("1")).body("promotion.previousVersion", is("2"))
                .body("versions[2].aliases", contains("champion"));
    }

    @Test
    @Order(6)
    void badRequestsAreRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("reason", "r"))
                .put("/v1/pipelines/{p}/aliases/{a}", P, "champion").then().statusCode(422)
                .body("field", is("version"));
        given().contentType(ContentType.JSON).body(Map.of("version", "1"))
                .put("/v1/pipelines/{p}/aliases/{a}", P, "champion").then().statusCode(422)
                .body("field", is("reason")).body("error", is("reason is required: every alias move is audited"));
        move("champion", "99", "no such").then().statusCode(422)
                .body("field", is("version")).body("error", is("no version '99' of eda-demo"));
        move("gold", "1", "unknown alias").then().statusCode(404)
                .body("field", is("alias")).body("error", is("no alias 'gold'; aliases are champion, challenger"));
        move("challenger", "1", "the champion itself").then().statusCode(409)
                .body("error", is("version 1 is the champion of eda-demo; a challenger must be another version"));
        given().contentType(ContentType.JSON).body(Map.of("version", "77"))
                .post("/v1/pipelines/{p}/aliases/champion/rollback", P).then().statusCode(422)
                .body("field", is("version"));
        given().contentType(ContentType.JSON).body(Map.of("version", "1", "reason", "r"))
                .put("/v1/pipelines/{p}/aliases/{a}", "no-such-pipeline", "champion").then().statusCode(404);
        // Moving an alias where it points already is answered, but neither recorded nor published
        move("champion", "1", "again").then().statusCode(200).body("moved", is(false));
        assertThat(registry.history(P, Optional.of(Alias.CHAMPION))).hasSize(5);
    }

    private static Response move(String alias, String version, String reason) {
        return given().contentType(ContentType.JSON).body(Map.of("version", version, "reason", reason, "actor", "alice"))
                .put("/v1/pipelines/{p}/aliases/{a}", P, alias);
    }

    /** A logistic regression on two features, trained in a fraction of a second. */
    private static TrainedNetwork tinyNetwork() {
        Random random = new Random(7);
        double[][] rows = new double[400][];
        double[] labels = new double[400];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = i % 10 == 0 ? 1 : 0;
            rows[i] = new double[] {random.nextGaussian() + 3 * labels[i], random.nextGaussian()};
        }
        return NetworkTrainer.train(new LabelledMatrix(rows, labels),
                TrainingParams.of(ModelType.LOGISTIC_REGRESSION, Map.of("epochs", 2)), TrainingProgress.NONE);
    }

    private static ModelMetadata metadata(String version, TrainedNetwork network) {
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION, P, version, "logistic", "logistic_regression",
                List.of("a", "b"), network.shape().hidden(), network.standardisation(), 0.5, network.params().asMap(),
                network.positiveWeight(), Map.of("average_precision", 0.4), List.of(), 400, 0, "manual",
                Instant.now(), network.duration());
    }
}
