package dev.flywheel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;

/**
 * The ONNX scorer against Python's onnxruntime on committed vectors ({@code src/test/resources/onnx},
 * made by {@code make_onnx_vectors.py}): one torch network exported with three output shapes.
 */
class OnnxScorerTest {

    @TempDir
    Path registry;

    @ParameterizedTest
    @ValueSource(strings = {"n1", "n2", "n"})
    void scoresMatchPythonOnnxruntimeForEveryOutputShape(String head) throws IOException {
        // Given the exported model and the scores Python's onnxruntime gave
        JsonNode expected = Json.mapper().readTree(resource("expected.json"));
        double[][] rows = Json.mapper().convertValue(expected.get("rows"), double[][].class);
        double[] scores = Json.mapper().convertValue(expected.get("scores").get(head), double[].class);

        // When the Java scorer scores the same rows, as a batch and one by one
        try (Scorer scorer = OnnxModel.of(resource("classifier_" + head + ".onnx"), 4).scorer()) {
            double[] batch = scorer.scoreBatch(rows);

            // Then every score equals onnxruntime's (float32 arithmetic on both sides)
            for (int i = 0; i < rows.length; i++) {
                assertThat(batch[i]).as("row %d", i).isCloseTo(scores[i], within(1e-6));
                assertThat(scorer.score(rows[i])).as("row %d alone", i).isCloseTo(scores[i], within(1e-6));
            }
        }
    }

    @Test
    void anImportedModelRoundTripsThroughTheRegistryAndACorruptedOneIsRefused() throws IOException {
        // Given the model registered as a version
        OnnxModel model = OnnxModel.of(resource("classifier_n1.onnx"), 4);
        Path versionDir = RegistryLayout.versionDir(registry, "card-fraud", "1");
        ModelArtifacts.write(versionDir, new ModelMetadata(ModelMetadata.FORMAT_VERSION, "card-fraud", "1", "imported",
                OnnxModel.MODEL_TYPE, List.of("x0", "x1", "noise", "amount"), List.of(), null, 0.5, Map.of(), 1,
                Map.of(), List.of(), 0, 0, "import", Instant.now(), Duration.ZERO), model);
        double[][] rows = {{0.1, 0.2, 0.3, 1.5}, {2, 2, 0, 0.5}};

        // When it is loaded back, then it scores exactly the same
        try (Scorer original = model.scorer(); LoadedModel loaded = ModelArtifacts.load(versionDir)) {
            assertThat(loaded.scorer().scoreBatch(rows)).containsExactly(original.scoreBatch(rows));
        }

        // And when one byte of the model changes, loading is refused by checksum
        Path file = versionDir.resolve("model.onnx");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelArtifacts.load(versionDir))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("model.onnx is corrupt");
    }

    @Test
    void aSignatureOfTheWrongWidthOrBytesThatAreNoModelAreRefused() throws IOException {
        byte[] model = resource("classifier_n1.onnx");

        assertThatThrownBy(() -> OnnxModel.of(model, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must have shape [rows, 3]");
        assertThatThrownBy(() -> OnnxModel.of(new byte[] {1, 2, 3}, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot use the ONNX model");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OnnxScorerTest.class.getResourceAsStream("/onnx/" + name)) {
            assertThat(in).as("test resource onnx/%s", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
