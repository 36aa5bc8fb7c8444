package dev.flywheel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flywheel.contracts.event.OffsetRange;
import dev.flywheel.contracts.spec.ModelType;

class ModelArtifactsTest {

    private static final LabelledMatrix DATA = SyntheticData.separable(2_000, 5);
    private static TrainedNetwork network;

    @TempDir
    Path registry;

    @BeforeAll
    static void train() {
        network = NetworkTrainer.train(DATA, TrainingParams.of(ModelType.MLP, Map.of("hidden", List.of(8, 4),
                "epochs", 2)), TrainingProgress.NONE);
    }

    @Test
    void aWrittenVersionLoadsBackAndScoresExactlyTheSame() {
        // Given a trained network written as version 1
        Path versionDir = RegistryLayout.versionDir(registry, "card-fraud", "1");
        ModelMetadata metadata = ModelArtifacts.write(versionDir, metadata("1"), network);

        // When it is loaded back
        try (Scorer original = network.scorer(); LoadedModel loaded = ModelArtifacts.load(versionDir)) {

            // Then metadata round-trips (with the parameters' checksum) and every score is identical
            assertThat(loaded.metadata()).isEqualTo(metadata);
            assertThat(metadata.artifacts()).containsOnlyKeys(ModelArtifacts.PARAMETERS_FILE);
            assertThat(metadata.formatVersion()).isEqualTo(ModelMetadata.FORMAT_VERSION);
            assertThat(loaded.scorer().scoreBatch(DATA.rows())).containsExactly(original.scoreBatch(DATA.rows()));
            assertThat(loaded.scorer().score(DATA.rows()[0])).isEqualTo(original.score(DATA.rows()[0]));
        }
        assertThat(versionDir.resolve(ModelArtifacts.METADATA_FILE)).isRegularFile();
        assertThat(versionDir.resolve(ModelArtifacts.PARAMETERS_FILE)).isRegularFile();
    }

    @Test
    void aCorruptedArtifactFileIsRefusedByItsChecksum() throws Exception {
        // Given version 1 whose parameters file then loses one bit
        Path versionDir = RegistryLayout.versionDir(registry, "card-fraud", "1");
        ModelArtifacts.write(versionDir, metadata("1"), network);
        Path parameters = versionDir.resolve(ModelArtifacts.PARAMETERS_FILE);
        byte[] bytes = Files.readAllBytes(parameters);
        bytes[bytes.length - 3] ^= 1;
        Files.write(parameters, bytes);

        // When it is loaded, then the checksum mismatch is named
        assertThatThrownBy(() -> ModelArtifacts.load(versionDir))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("model.params")
                .hasMessageContaining("is corrupt: its SHA-256 is");
    }

    @Test
    void aVersionWrittenBeforeChecksumsStillLoads() throws Exception {
        // Given a format-1 version folder: metadata without "artifacts", parameters beside it
        Path versionDir = RegistryLayout.versionDir(registry, "card-fraud", "1");
        ModelArtifacts.write(versionDir, metadata("1"), network);
        Path metadataFile = versionDir.resolve(ModelArtifacts.METADATA_FILE);
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) dev.flywheel.contracts.json.Json.mapper()
                .readTree(metadataFile.toFile());
        json.remove("artifacts");
        json.put("formatVersion", 1);
        dev.flywheel.contracts.json.Json.mapper().writeValue(metadataFile.toFile(), json);

        // When it is loaded
        try (Scorer original = network.scorer(); LoadedModel loaded = ModelArtifacts.load(versionDir)) {

            // Then it scores as before, with no checksums to verify
            assertThat(loaded.metadata().formatVersion()).isEqualTo(1);
            assertThat(loaded.metadata().artifacts()).isEmpty();
            assertThat(loaded.scorer().scoreBatch(DATA.rows())).containsExactly(original.scoreBatch(DATA.rows()));
        }
    }

    @Test
    void anUnknownModelTypeIsRefusedWithTheKnownOnes() {
        Path versionDir = RegistryLayout.versionDir(registry, "card-fraud", "1");
        ModelArtifacts.write(versionDir, metadata("1"), network);
        ModelMetadata other = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "card-fraud", "2", "x", "random_forest",
                List.of("a"), List.of(), null, 0.5, Map.of(), 1, Map.of(), List.of(), 0, 0, "manual", Instant.now(),
                Duration.ZERO);

        assertThatThrownBy(() -> ModelFamilies.forType(other.modelType()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown model type 'random_forest'")
                .hasMessageContaining("xgboost");
    }

    @Test
    void versionsAreNeverOverwrittenAndNoHalfWrittenFolderRemains() throws Exception {
        // Given version 1 exists
        Path versionDir = RegistryLayout.versionDir(registry, "card-fraud", "1");
        ModelArtifacts.write(versionDir, metadata("1"), network);

        // When it is written again, then that fails and leaves only the first folder
        assertThatThrownBy(() -> ModelArtifacts.write(versionDir, metadata("1"), network))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("immutable");
        try (var children = Files.list(versionDir.getParent())) {
            assertThat(children.map(path -> path.getFileName().toString())).containsExactly("1");
        }
    }

    @Test
    void metadataThatDoesNotDescribeTheNetworkIsRefused() {
        ModelMetadata wrongFeatures = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "card-fraud", "1", "mlp", "mlp",
                List.of("a", "b", "c", "d"), List.of(99), network.standardisation(), 0.5, Map.of(), 1, Map.of(),
                List.of(), 0, 0, "manual", Instant.now(), Duration.ZERO);

        assertThatThrownBy(() -> ModelArtifacts.write(registry.resolve("card-fraud/1"), wrongFeatures, network))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ModelMetadata metadata(String version) {
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION, "card-fraud", version, "mlp", "mlp",
                List.of("x0", "x1", "noise", "amount"), List.of(8, 4), network.standardisation(), 0.5,
                network.params().asMap(), network.positiveWeight(), Map.of("average_precision", 0.8, "roc_auc", 0.97),
                List.of(new OffsetRange("flywheel.card-fraud.examples", 0, 0, 2000)), 1600, 400, "bootstrap",
                Instant.parse("2024-01-01T00:00:00Z"), Duration.ofMillis(1234));
    }
}
