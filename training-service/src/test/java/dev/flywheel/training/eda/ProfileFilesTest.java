package dev.flywheel.training.eda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flywheel.contracts.json.Json;

/** The files a training run leaves next to its version: JSON that reads back, and the HTML report. */
class ProfileFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesTheJsonAndTheReportIntoTheFolder() throws IOException {
        // Given a small profile
        DatasetProfiler profiler = DatasetProfiler.numeric(List.of("x", "y"), "y", ProfileOptions.defaults());
        for (int i = 0; i < 50; i++) {
            profiler.addRow(new double[] {i, i % 2});
        }

        // When it is written into a version folder that does not exist yet
        Path folder = dir.resolve("card-fraud/7");
        boolean written = ProfileFiles.write(folder, () -> profiler.finish("run 7"));

        // Then both files are there and the JSON reads back
        assertThat(written).isTrue();
        assertThat(Json.mapper().readTree(folder.resolve(ProfileFiles.JSON).toFile()).get("rows").asLong()).isEqualTo(50);
        assertThat(Files.readString(folder.resolve(ProfileFiles.HTML))).startsWith("<!DOCTYPE html>").contains("run 7");
    }

    @Test
    void aProfileThatFailsIsReportedNotThrown() {
        boolean written = ProfileFiles.write(dir.resolve("v1"), () -> {
            throw new IllegalStateException("boom");
        });

        assertThat(written).isFalse();
        assertThat(dir.resolve("v1").resolve(ProfileFiles.HTML)).doesNotExist();
    }
}
