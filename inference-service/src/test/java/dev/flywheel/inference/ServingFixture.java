package dev.flywheel.inference;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.runtime.TopicPublisher;

/**
 * A real model serving card-fraud for the {@code @QuarkusTest}s that only need one: trained once per JVM into
 * a registry folder under {@code target/}, promoted on the models topic when nothing serves yet.
 */
final class ServingFixture {

    static final String PIPELINE = "card-fraud";
    static final Duration WAIT = Duration.ofSeconds(30);
    private static TestModels models;

    private ServingFixture() {
    }

    static synchronized TestModels models(List<String> featureNames) {
        if (models == null) {
            try {
                models = new TestModels(Files.createTempDirectory(Path.of("target"), "registry-"), PIPELINE,
                        featureNames);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return models;
    }

    /** The version serving card-fraud, after promoting one if none does. */
    static String ensureServing(TopicPublisher publisher, List<String> featureNames) {
        String serving = servingVersion();
        return serving != null ? serving : promote(publisher, featureNames).modelVersion();
    }

    static String servingVersion() {
        return given().get("/v1/pipelines/{p}/model", PIPELINE).then().extract().path("modelVersion");
    }

    /** Writes a new version, promotes it and waits until it serves. */
    static ModelPromoted promote(TopicPublisher publisher, List<String> featureNames) {
        ModelPromoted promotion = models(featureNames).writeVersion(TestModels.nextVersion(), servingVersion());
        try {
            publisher.publish(Topics.models(), PIPELINE, promotion).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + promotion, e);
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/v1/pipelines/{p}/model", PIPELINE)
                .then().statusCode(200).body("modelVersion", is(promotion.modelVersion())));
        return promotion;
    }
}
