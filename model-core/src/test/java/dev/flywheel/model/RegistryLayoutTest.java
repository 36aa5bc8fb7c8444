package dev.flywheel.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryLayoutTest {

    @TempDir
    Path registry;

    @Test
    void versionsAreCompleteNumericFoldersInNumericOrder() throws Exception {
        // Given versions 2, 10 and 1, a half-written folder and a folder without metadata
        for (String version : new String[] {"2", "10", "1"}) {
            Path dir = Files.createDirectories(registry.resolve("p").resolve(version));
            Files.writeString(dir.resolve(ModelArtifacts.METADATA_FILE), "{}");
        }
        Files.createDirectories(registry.resolve("p/.11.partial-x"));
        Files.createDirectories(registry.resolve("p/12"));

        // Then the complete ones are listed numerically and the next version follows the highest
        assertThat(RegistryLayout.versions(registry, "p")).containsExactly("1", "2", "10");
        assertThat(RegistryLayout.nextVersion(registry, "p")).isEqualTo("11");
        assertThat(RegistryLayout.nextVersion(registry, "empty")).isEqualTo("1");
    }

    @Test
    void thePromotionRecordIsReplacedAsAWhole() {
        // Given no promotion yet
        assertThat(RegistryLayout.readPromoted(registry, "p")).isEmpty();

        // When two promotions are written
        RegistryLayout.writePromoted(registry, "p", new PromotionRecord("1", null, "first", Instant.EPOCH));
        RegistryLayout.writePromoted(registry, "p", new PromotionRecord("2", "1", "better", Instant.EPOCH));

        // Then the latest is read back
        assertThat(RegistryLayout.readPromoted(registry, "p")).contains(
                new PromotionRecord("2", "1", "better", Instant.EPOCH));
    }

    @Test
    void versionsArePositiveIntegers() {
        assertThat(RegistryLayout.isVersion("1")).isTrue();
        assertThat(RegistryLayout.isVersion("0")).isFalse();
        assertThat(RegistryLayout.isVersion("01")).isFalse();
        assertThat(RegistryLayout.isVersion("v1")).isFalse();
    }
}
