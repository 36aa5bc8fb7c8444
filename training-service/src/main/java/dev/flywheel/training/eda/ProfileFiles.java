package dev.flywheel.training.eda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.json.Json;

/**
 * Writes a profile next to a training run's artifacts: {@code profile.json} and the HTML report
 * {@code profile.html}. A report is a by-product: failing to write it is logged, never fails the run.
 */
public final class ProfileFiles {

    public static final String JSON = "profile.json";
    public static final String HTML = "profile.html";

    private static final Logger LOG = Logger.getLogger(ProfileFiles.class);

    private ProfileFiles() {
    }

    /**
     * Computes the profile and writes both files.
     *
     * @return whether both files were written
     */
    public static boolean write(Path folder, Supplier<DatasetProfile> profiler) {
        try {
            DatasetProfile profile = profiler.get();
            Files.createDirectories(folder);
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(folder.resolve(JSON).toFile(), profile);
            Files.writeString(folder.resolve(HTML), ProfileReport.render(profile), StandardCharsets.UTF_8);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the data profile of %s could not be written: %s", folder, e.toString());
            return false;
        }
    }
}
