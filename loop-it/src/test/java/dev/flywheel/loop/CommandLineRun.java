package dev.flywheel.loop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;

/**
 * Runs the real {@code flywheel} command line as its own process against a running {@link Platform}, the way an
 * operator's terminal would (service URLs as options), and keeps its exit status and output.
 */
record CommandLineRun(int status, String out, String err) {

    private static final long TIMEOUT_SECONDS = 120;

    static CommandLineRun of(Platform platform, Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.flywheel.cli.FlywheelCli"));
        command.addAll(List.of(args));
        for (String service : Platform.SERVICES) {
            command.add("--" + service.replace("-service", "") + "-url");
            command.add(platform.uri(service, "").toString());
        }
        Path out = Files.createTempFile(workDir, "cli-", ".out");
        Path err = Files.createTempFile(workDir, "cli-", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("flywheel " + String.join(" ", args) + " did not end within "
                    + TIMEOUT_SECONDS + " s");
        }
        return new CommandLineRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    JsonNode json() throws IOException {
        return Json.mapper().readTree(out);
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
}
