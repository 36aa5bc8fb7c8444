package dev.flywheel.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service given an invalid pipeline spec refuses to start, and says which file, line and field
 * are wrong: it never starts and fails later on the first event. Runs the packaged service as a
 * separate process, as an operator would.
 */
class InvalidSpecStopsStartIT {

    private static final Path SERVICE_JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    @Test
    void theServiceExitsWithTheFileLineAndFieldOfEveryProblem(@TempDir Path specs) throws Exception {
        Path demo = Path.of("..", "pipelines", "card-fraud.yaml");
        String broken = Files.readString(demo)
                .replace("of: tx_amount, by: customer_id, window: 7d", "of: amount, by: customer_id, window: 7d")
                .replace("minExamples: 1000", "minExamples: lots");
        Files.writeString(specs.resolve("card-fraud.yaml"), broken);
        int amountLine = lineOf(broken, "of: amount");
        int examplesLine = lineOf(broken, "minExamples: lots");

        Process service = new ProcessBuilder(javaBinary(), "-Dflywheel.pipelines-dir=" + specs,
                "-Dquarkus.http.port=0", "-Dkafka.bootstrap.servers=127.0.0.1:1", "-jar", SERVICE_JAR.toString())
                .redirectErrorStream(true)
                .start();
        boolean exited = service.waitFor(90, TimeUnit.SECONDS);
        String output = new String(service.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            service.destroyForcibly();
        }

        assertThat(exited).as("service exits instead of running with a bad spec").isTrue();
        assertThat(service.exitValue()).isNotZero();
        assertThat(output)
                .contains("card-fraud.yaml:" + amountLine + ":")
                .contains("features[6].of: unknown field 'amount'")
                .contains("card-fraud.yaml:" + examplesLine + ":")
                .contains("model.training.minExamples");
    }

    private static int lineOf(String text, String needle) throws IOException {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new IOException("'" + needle + "' not in the spec");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
