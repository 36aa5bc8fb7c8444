package dev.flywheel.training.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;

/** The spec hash recorded with every version: the spec's content, not its file's formatting. */
class LineageTest {

    private static final Path SPEC = Path.of("../pipelines/card-fraud.yaml");

    @Test
    void theHashIsOfTheSpecsContentAsCanonicalJson() throws IOException {
        // Given the card-fraud spec, and the same spec without its comment lines
        String yaml = Files.readString(SPEC);
        PipelineSpec spec = PipelineSpecs.parse("card-fraud.yaml", yaml);
        String withoutCommentLines = yaml.replaceAll("(?m)^\\s*#.*\\n", "");
        PipelineSpec withoutComments = PipelineSpecs.parse("card-fraud.yaml", withoutCommentLines);
        assertThat(withoutCommentLines).isNotEqualTo(yaml);

        // When both are hashed
        String hash = Lineage.hashOf(spec);

        // Then the hash is 64 hex digits, the same for both, over JSON that holds the spec's values
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(Lineage.hashOf(withoutComments));
        JsonNode canonical = Json.mapper().readTree(new String(Lineage.canonical(spec), StandardCharsets.UTF_8));
        assertThat(canonical.get("name").asText()).isEqualTo("card-fraud");
        assertThat(canonical.toString()).contains("tx_amount").contains("average_precision");
    }

    @Test
    void anotherSpecHashesDifferently() throws IOException {
        String yaml = Files.readString(SPEC);
        PipelineSpec other = PipelineSpecs.parse("card-fraud.yaml", yaml.replace("threshold: 0.5", "threshold: 0.6"));

        assertThat(yaml).contains("threshold: 0.5");
        assertThat(Lineage.hashOf(other)).isNotEqualTo(Lineage.hashOf(PipelineSpecs.parse("card-fraud.yaml", yaml)));
    }
}
