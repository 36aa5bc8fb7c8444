package dev.flywheel.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.event.ModelLifecycleEvent;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.ModelRegistered;
import dev.flywheel.contracts.event.OffsetRange;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.TopicProbe;
import dev.flywheel.training.registry.PendingDrifts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The training loop against the real broker, in order: examples arrive, but the bootstrap waits until they hold
 * the spec's 20 positives per slice, then trains the first model;
 * a drift verdict retrains into a new version judged against the champion; a second verdict within the
 * spec's 10-minute cooldown does not retrain; a manual training reports its progress and result.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainingLoopTest {

    private static final String PIPELINE = "card-fraud";
    private static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern COOLDOWN_COUNT = Pattern.compile(
            "flywheel_training_drift_decisions_total\\{decision=\"cooldown\",pipeline=\"card-fraud\"} ([0-9.]+)");

    @Inject
    PipelineCatalog catalog;

    @Inject
    TopicPublisher publisher;

    @Inject
    PendingDrifts pendingDrifts;

    @Test
    @Order(1)
    void theBootstrapWaitsForEnoughPositivesThenRegistersAndPromotesAModel() throws Exception {
        // Given a pipeline without a model, and 5 simulated days of examples arriving in one transaction
        List<ExampleLabelled> firstDays = SimulatedExamples.days(PIPELINE, featureNames(), 0, 5);
        publishInOneTransaction(firstDays);

        // When the periodic check sees at least minExamples (1000) of them, then the bootstrap is refused: the
        // later fifth held out holds 19 frauds, and the spec's training.minPositives is 20
        JsonPath refused = awaitFinishedRun(0);
        assertThat(refused.getString("trigger")).isEqualTo("bootstrap");
        assertThat(refused.getString("status")).isEqualTo("REFUSED");
        assertThat(refused.getString("message")).isEqualTo("the held-out slice has 19 positives in 565 examples;"
                + " the spec needs at least 20 (model.training.minPositives) to train and judge a model");
        given().get("/v1/pipelines/{p}/models", PIPELINE).then().statusCode(200).body("versions.size()", is(0));

        // Given one more day, which brings the held-out slice to 23 frauds
        List<ExampleLabelled> nextDay = SimulatedExamples.days(PIPELINE, featureNames(), 5, 6);
        publishInOneTransaction(nextDay);
        int examples = firstDays.size() + nextDay.size();

        // When the periodic check sees more records than the refused bootstrap read
        try (TopicProbe<ModelLifecycleEvent> models = TopicProbe.of(Topics.models())) {
            // (other test classes' pipelines share the broker and the models topic)
            ModelRegistered registered = (ModelRegistered) models.await(event -> event instanceof ModelRegistered r
                    && r.pipeline().equals(PIPELINE) && r.trigger().equals("bootstrap"), TRAINING_TIMEOUT);
            ModelPromoted promoted = (ModelPromoted) models.await(event -> event instanceof ModelPromoted p
                    && p.pipeline().equals(PIPELINE) && p.modelVersion().equals(registered.modelVersion()),
                    TRAINING_TIMEOUT);

            // Then version 1 was trained on every example, judged on the later slice, and promoted
            assertThat(registered.modelVersion()).isEqualTo("1");
            // (the ranges also span the transaction markers, one offset per partition and transaction)
            assertThat(registered.dataset().stream().mapToLong(OffsetRange::count).sum())
                    .isBetween((long) examples, examples + 6L);
            assertThat(promoted.previousVersion()).isNull();
            assertThat(promoted.reason()).startsWith("first model of the pipeline: average_precision");
            assertThat(promoted.artifactUri()).startsWith("file:").isEqualTo(registered.artifactUri());

            // (the run reports success after its events are out and its report is written)
            awaitFinishedRun(0);
            JsonPath run = given().get("/v1/pipelines/{p}/trainings", PIPELINE).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(run.getString("[0].trigger")).isEqualTo("bootstrap");
            assertThat(run.getString("[0].status")).isEqualTo("SUCCEEDED");
            assertThat(run.getDouble("[0].progress.percent")).isEqualTo(100.0);
            assertThat(run.getList("[0].result.candidates.status")).containsExactly("trained", "trained");
            assertThat(run.getInt("[0].result.dataset.read")).isEqualTo(examples);
            assertThat(run.getInt("[0].result.dataset.testPositives")).isGreaterThanOrEqualTo(20);
            double positiveRate = run.getDouble("[0].result.dataset.testPositives")
                    / run.getDouble("[0].result.dataset.testRows");
            double ap = registered.metrics().get("average_precision");
            System.out.printf("bootstrap: %d examples, held-out AP %.3f at a positive rate of %.3f, candidates %s%n",
                    examples, ap, positiveRate, run.getList("[0].result.candidates"));
            assertThat(ap).isGreaterThan(2 * positiveRate);
            assertThat(registered.metrics()).containsKeys("roc_auc", "log_loss", "f1");

            // And the artifact loads and ranks a large night-time payment above an ordinary one
            try (LoadedModel model = ModelArtifacts.load(Path.of(URI.create(promoted.artifactUri())))) {
                assertThat(model.metadata().featureNames()).isEqualTo(featureNames());
                double ordinary = model.scorer().score(row(Map.of("tx_amount", 30.0)));
                double suspicious = model.scorer().score(row(Map.of("tx_amount", 600.0, "tx_during_night", 1.0)));
                assertThat(suspicious).isGreaterThan(ordinary);
            }
        }
        given().get("/v1/pipelines/{p}/models", PIPELINE).then().statusCode(200)
                .body("promotedVersion", is("1"))
                .body("versions[0].promoted", is(true))
                .body("versions[0].trigger", is("bootstrap"));
    }

    @Test
    @Order(2)
    void aDriftVerdictRetrainsAndTheNewVersionIsJudgedAgainstTheChampion() throws Exception {
        // Given one more day of examples and the champion from the bootstrap
        publishInOneTransaction(SimulatedExamples.days(PIPELINE, featureNames(), 6, 7));

        // When the monitor reports drift (accuracy: the demo spec retrains on accuracy drops, not on data drift)
        String driftEventId = publishDrift();

        // Then while its run is under way the verdict is owed in the registry database (a restart resumes it)
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> pendingDrifts.owed().stream().anyMatch(d -> d.eventId().equals(driftEventId)));

        // Then version 2 is trained on drift and both were scored on its holdout
        try (TopicProbe<ModelLifecycleEvent> models = TopicProbe.of(Topics.models())) {
            ModelRegistered registered = (ModelRegistered) models.await(event -> event instanceof ModelRegistered r
                    && r.pipeline().equals(PIPELINE) && r.trigger().equals("drift"), TRAINING_TIMEOUT);
            assertThat(registered.modelVersion()).isEqualTo("2");
        }
        JsonPath run = awaitFinishedRun(0);
        assertThat(run.getString("trigger")).isEqualTo("drift");
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("result.championVersion")).isEqualTo("1");
        assertThat(run.getString("result.championScore")).isNotNull();
        assertThat(run.getString("result.decision")).contains("1").contains("holdout");
        // And once the run has ended the verdict is settled: nothing is owed for it any more
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> pendingDrifts.owed().stream().noneMatch(d -> d.eventId().equals(driftEventId)));
        boolean promoted = run.getBoolean("result.promoted");
        System.out.printf("drift retraining: %s%n", run.getString("result.decision"));

        // And the registry promotes whichever won, and records version 2's lineage: champion 1 and the verdict
        given().get("/v1/pipelines/{p}/models", PIPELINE).then().statusCode(200)
                .body("versions.size()", is(2))
                .body("promotedVersion", is(promoted ? "2" : "1"));
        given().get("/v1/pipelines/{p}/models/{v}", PIPELINE, "2").then().statusCode(200)
                .body("parentVersion", is("1"))
                .body("driftEventId", is(driftEventId));
    }

    @Test
    @Order(3)
    void aSecondDriftVerdictWithinTheCooldownDoesNotRetrain() throws Exception {
        // Given the drift retraining of a moment ago and the spec's 10-minute cooldown
        int runsBefore = given().get("/v1/pipelines/{p}/trainings", PIPELINE).then().extract().jsonPath()
                .getList("id").size();
        double cooldownsBefore = cooldownDecisions();

        // When the monitor reports drift again
        publishDrift();

        // Then the verdict is counted as held back by the cooldown, and no run was started
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> cooldownDecisions() > cooldownsBefore);
        assertThat(given().get("/v1/pipelines/{p}/trainings", PIPELINE).then().extract().jsonPath().getList("id"))
                .hasSize(runsBefore);
        given().get("/v1/pipelines/{p}/models", PIPELINE).then().body("versions.size()", is(2));
    }

    @Test
    @Order(3)
    void aDriftStormWithinTheCooldownStartsNoRetrainAndLosesNoVerdict() throws Exception {
        // Given the drift retraining of a moment ago and the spec's cooldown
        int runsBefore = given().get("/v1/pipelines/{p}/trainings", PIPELINE).then().extract().jsonPath()
                .getList("id").size();
        double cooldownsBefore = cooldownDecisions();

        // When the monitor reports drift 300 times in a burst
        int storm = 300;
        long started = System.nanoTime();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < storm; i++) {
            sent.add(publisher.publish(Topics.drift(), PIPELINE, drift()).toCompletableFuture());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .get(30, TimeUnit.SECONDS);

        // Then within the minute every verdict reaches the gate and is held back by the cooldown (counted once
        // each: none lost, none doubled), and no run is started
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> cooldownDecisions() >= cooldownsBefore + storm);
        System.out.printf("drift storm: %d verdicts judged in %d ms%n", storm,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(cooldownDecisions()).isEqualTo(cooldownsBefore + storm);
        assertThat(given().get("/v1/pipelines/{p}/trainings", PIPELINE).then().extract().jsonPath().getList("id"))
                .hasSize(runsBefore);
        given().get("/v1/pipelines/{p}/models", PIPELINE).then().body("versions.size()", is(2));
    }

    @Test
    @Order(4)
    void aManualTrainingAnswers202AndReportsProgressAndResult() {
        // When a training is asked for over HTTP
        String location = given().post("/v1/pipelines/{p}/trainings", PIPELINE)
                .then().statusCode(202)
                .body("status", anyOf(is("QUEUED"), is("RUNNING")))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        // Then it runs to the end and reports every step, the candidates and the registered version
        JsonPath run = Awaitility.await().atMost(TRAINING_TIMEOUT).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> given().get(URI.create(location)).then().statusCode(200).extract().jsonPath(),
                        json -> !json.getString("status").equals("QUEUED") && !json.getString("status").equals("RUNNING"));
        assertThat(run.getString("id")).isEqualTo(id);
        assertThat(run.getString("trigger")).isEqualTo("manual");
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getDouble("progress.percent")).isEqualTo(100.0);
        assertThat(run.getLong("progress.stepsDone")).isPositive().isEqualTo(run.getLong("progress.stepsTotal"));
        assertThat(run.getString("progress.stepsPerSecond")).isNotNull();
        assertThat(run.getString("result.version")).isEqualTo("3");
        assertThat(run.getList("result.candidates.name")).containsExactlyInAnyOrder("mlp", "logistic");
        assertThat(run.getList("result.offsets")).hasSize(3);
    }

    @Test
    @Order(5)
    void unknownPipelinesAndRunsAre404() {
        given().post("/v1/pipelines/{p}/trainings", "no-such-pipeline").then().statusCode(404);
        given().get("/v1/pipelines/{p}/trainings/{id}", PIPELINE, "no-such-run").then().statusCode(404);
        given().get("/v1/pipelines/{p}/models/{v}", PIPELINE, "99").then().statusCode(404);
        given().get("/v1/pipelines/{p}/models/{v}", PIPELINE, "1").then().statusCode(200)
                .body("metadata.standardisation.means.size()", is(featureNames().size()))
                .body("files.name", hasItems("model.json", "model.params"));
    }

    private JsonPath awaitFinishedRun(int index) {
        return Awaitility.await().atMost(TRAINING_TIMEOUT).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> given().get("/v1/pipelines/{p}/trainings", PIPELINE).then().extract().jsonPath()
                                .setRootPath("[" + index + "]"),
                        json -> "SUCCEEDED".equals(json.getString("status")) || "FAILED".equals(json.getString("status"))
                                || "REFUSED".equals(json.getString("status")));
    }

    private List<String> featureNames() {
        return catalog.require(PIPELINE).featureNames();
    }

    private double[] row(Map<String, Double> values) {
        return featureNames().stream().mapToDouble(name -> values.getOrDefault(name, 0.0)).toArray();
    }

    /** Publishes a data-drift verdict and returns its event id. */
    private String publishDrift() throws Exception {
        DriftDetected drift = drift();
        publisher.publish(Topics.drift(), PIPELINE, drift).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return drift.eventId();
    }

    private static DriftDetected drift() {
        Instant now = Instant.now();
        return new DriftDetected(UUID.randomUUID().toString(), DriftDetected.SCHEMA_VERSION, PIPELINE,
                "1", DriftDetected.Kind.ACCURACY, "psi:tx_amount", 0.41, 0.25, null, now.minus(Duration.ofHours(1)), now,
                now, Map.of("psi:tx_amount", 0.41));
    }

    /** One transaction, so the bootstrap check (read_committed) sees all of the examples or none. */
    private static void publishInOneTransaction(List<ExampleLabelled> examples) {
        Topic<String, ExampleLabelled> topic = Topics.examples(PIPELINE);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "training-test-" + UUID.randomUUID());
        try (KafkaProducer<String, ExampleLabelled> producer = new KafkaProducer<>(config,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            examples.forEach(example -> producer.send(new ProducerRecord<>(topic.name(), example.sourceEventId(), example)));
            producer.commitTransaction();
        }
    }

    private static double cooldownDecisions() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = COOLDOWN_COUNT.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
