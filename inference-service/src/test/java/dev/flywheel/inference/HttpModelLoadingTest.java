package dev.flywheel.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.inference.model.ModelLease;
import dev.flywheel.inference.model.ModelSlot;
import dev.flywheel.inference.model.ModelSwapper;
import dev.flywheel.inference.model.RegistryModelLoader;
import dev.flywheel.inference.model.ServingModels;
import dev.flywheel.inference.model.SwapOutcome;
import dev.flywheel.model.RegistryLayout;
import dev.flywheel.model.registry.ArtifactFile;
import dev.flywheel.model.registry.RegisteredVersion;
import dev.flywheel.model.registry.RegistryClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Promotions whose {@code artifactUri} is an HTTP URL: the loader downloads the version with model-core's
 * {@link RegistryClient} from a real HTTP server on loopback that answers as training-service does (the version
 * with its files' SHA-256, then each file), and a version whose file no longer matches its checksum is not
 * served: the model serving before stays.
 */
class HttpModelLoadingTest {

    private static final String PIPELINE = "card-fraud";

    @TempDir
    Path trainingSide;

    @TempDir
    Path inferenceSide;

    private HttpServer server;
    private String base;
    private TestModels models;
    /** The registry's list as it was before a test altered a file; null: list the files as they are. */
    private RegisteredVersion frozen;

    @BeforeEach
    void serveTheTrainingRegistry() throws IOException {
        models = new TestModels(trainingSide, PIPELINE, List.of("tx_amount", "tx_during_night", "customer_nb_tx_1d"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/pipelines/" + PIPELINE + "/models/", exchange -> {
            String[] path = exchange.getRequestURI().getPath().split("/");
            // /v1/pipelines/{p}/models/{v}[/files/{name}]
            Path versionDir = RegistryLayout.versionDir(trainingSide, PIPELINE, path[5]);
            byte[] body = path.length == 6
                    ? Json.mapper().writeValueAsBytes(listing(path[5], versionDir))
                    : Files.readAllBytes(versionDir.resolve(path[7]));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/pipelines/" + PIPELINE + "/models/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aVersionPublishedAsAnHttpUrlIsDownloadedVerifiedAndServed() {
        // Given a version on the training side only, promoted with its HTTP URL
        String version = TestModels.nextVersion();
        models.writeVersion(version, null);
        ModelPromoted promotion = models.promotion(version, null, base + version);
        RegistryModelLoader loader = new RegistryModelLoader(inferenceSide.resolve("registry"),
                RegistryClient.create(inferenceSide.resolve("model-cache"), Duration.ofSeconds(10)));
        ServingModels serving = ServingModels.of(PIPELINE);

        // When it is applied
        SwapOutcome outcome = new ModelSwapper(serving, loader, new SimpleMeterRegistry()).apply(promotion);

        // Then it serves from the inference side's cache and ranks a large night payment above a small one
        assertThat(outcome).isEqualTo(SwapOutcome.SWAPPED);
        ModelSlot slot = serving.slot(PIPELINE).orElseThrow();
        try (ModelLease lease = slot.acquire().orElseThrow()) {
            assertThat(lease.model().version()).isEqualTo(version);
            assertThat(lease.model().score(new double[] {200, 1, 0})).isGreaterThan(lease.model().score(
                    new double[] {20, 0, 0}));
        }
        assertThat(inferenceSide.resolve("model-cache").resolve(PIPELINE).resolve(version).resolve("model.params"))
                .exists();
    }

    @Test
    void aTamperedArtifactIsRejectedAndTheServingModelStays() throws IOException {
        // Given version a serving, and version b listed by the registry, then altered on its disk
        String a = TestModels.nextVersion();
        String b = TestModels.nextVersion();
        models.writeVersion(a, null);
        models.writeVersion(b, a);
        RegisteredVersion listed = listing(b, RegistryLayout.versionDir(trainingSide, PIPELINE, b));
        Path params = RegistryLayout.versionDir(trainingSide, PIPELINE, b).resolve("model.params");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(params, bytes);
        frozen = listed;
        RegistryModelLoader loader = new RegistryModelLoader(inferenceSide.resolve("registry"),
                RegistryClient.create(inferenceSide.resolve("model-cache"), Duration.ofSeconds(10)));
        ServingModels serving = ServingModels.of(PIPELINE);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ModelSwapper swapper = new ModelSwapper(serving, loader, meters);
        assertThat(swapper.apply(models.promotion(a, null, base + a))).isEqualTo(SwapOutcome.SWAPPED);

        // When b is promoted
        SwapOutcome outcome = swapper.apply(models.promotion(b, a, base + b));

        // Then the load fails on the checksum, a keeps serving, nothing of b is cached, and the alert's metric
        // (flywheel_inference_model_load_failures_total, rule FlywheelModelLoadFailed) counts it
        assertThat(outcome).isEqualTo(SwapOutcome.LOAD_FAILED);
        ModelSlot slot = serving.slot(PIPELINE).orElseThrow();
        assertThat(slot.servingVersion()).contains(a);
        assertThat(slot.lastFailure().orElseThrow().reason()).startsWith("ArtifactChecksumException: model.params of"
                + " pipeline card-fraud version " + b).contains("but the registry lists");
        assertThat(inferenceSide.resolve("model-cache").resolve(PIPELINE).resolve(b)).doesNotExist();
        assertThat(meters.counter("flywheel_inference_model_load_failures", "pipeline", PIPELINE).count())
                .isEqualTo(1);
    }

    @Test
    void aTruncatedArtifactIsRejectedAndTheServingModelStays() throws IOException {
        // Given version a serving, and version c listed by the registry, then cut to half its size on its disk
        // (a download or a copy that stopped part-way)
        String a = TestModels.nextVersion();
        String c = TestModels.nextVersion();
        models.writeVersion(a, null);
        models.writeVersion(c, a);
        RegisteredVersion listed = listing(c, RegistryLayout.versionDir(trainingSide, PIPELINE, c));
        Path params = RegistryLayout.versionDir(trainingSide, PIPELINE, c).resolve("model.params");
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        frozen = listed;
        RegistryModelLoader loader = new RegistryModelLoader(inferenceSide.resolve("registry"),
                RegistryClient.create(inferenceSide.resolve("model-cache"), Duration.ofSeconds(10)));
        ServingModels serving = ServingModels.of(PIPELINE);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ModelSwapper swapper = new ModelSwapper(serving, loader, meters);
        assertThat(swapper.apply(models.promotion(a, null, base + a))).isEqualTo(SwapOutcome.SWAPPED);

        // When c is promoted
        SwapOutcome outcome = swapper.apply(models.promotion(c, a, base + c));

        // Then it is refused, a keeps serving and answering, and the failure is counted
        assertThat(outcome).isEqualTo(SwapOutcome.LOAD_FAILED);
        ModelSlot slot = serving.slot(PIPELINE).orElseThrow();
        assertThat(slot.servingVersion()).contains(a);
        assertThat(slot.lastFailure().orElseThrow().reason()).contains(c);
        try (ModelLease lease = slot.acquire().orElseThrow()) {
            assertThat(lease.model().version()).isEqualTo(a);
            assertThat(lease.model().score(new double[] {200, 1, 0})).isBetween(0.0, 1.0);
        }
        assertThat(inferenceSide.resolve("model-cache").resolve(PIPELINE).resolve(c)).doesNotExist();
        assertThat(meters.counter("flywheel_inference_model_load_failures", "pipeline", PIPELINE).count())
                .isEqualTo(1);
    }

    private RegisteredVersion listing(String version, Path versionDir) throws IOException {
        if (frozen != null && frozen.version().equals(version)) {
            return frozen;
        }
        List<ArtifactFile> files;
        try (Stream<Path> children = Files.list(versionDir)) {
            files = children.sorted().map(ArtifactFile::of).toList();
        }
        return new RegisteredVersion(PIPELINE, version, "logistic", "logistic_regression", "manual", Instant.now(),
                Map.of(), Map.of(), List.of(), null, null, null, List.of("champion"), files, null);
    }
}
