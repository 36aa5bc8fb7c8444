package dev.flywheel.training.report;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.json.Json;

/**
 * Writes a run's report next to the registered version's artifacts, as {@code report.json} and the
 * self-contained {@code report.html}, beside the data profile. A report is a by-product: failing to build
 * or write it is logged, never fails the run.
 */
public final class RunReportFiles {

    public static final String JSON = "report.json";
    public static final String HTML = "report.html";

    private static final Logger LOG = Logger.getLogger(RunReportFiles.class);

    private RunReportFiles() {
    }

    /**
     * Builds the report and writes both files into the version folder.
     *
     * @param versionFolder the version's artifact folder as a {@code file:} URI, as the registry hands it out
     * @return whether both files were written
     */
    public static boolean write(URI versionFolder, Supplier<RunReport> report) {
        Path folder = Path.of(versionFolder);
        try {
            RunReport built = report.get();
            Files.createDirectories(folder);
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(folder.resolve(JSON).toFile(), built);
            Files.writeString(folder.resolve(HTML), RunReportPage.render(built), StandardCharsets.UTF_8);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "the run report of %s could not be written", folder);
            return false;
        }
    }
}
