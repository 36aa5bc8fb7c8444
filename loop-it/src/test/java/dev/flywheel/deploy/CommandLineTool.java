package dev.flywheel.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A program of the machine (promtool, amtool, kubectl) run to completion: its exit code and its merged output.
 * The Debian packages {@code prometheus} and {@code prometheus-alertmanager} bring promtool and amtool;
 * {@code ./flywheel test} installs them.
 */
record CommandLineTool(String name) {

    record Result(int exitCode, String output) {
    }

    /** The program on the PATH, if there is one. */
    Optional<Path> find() {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The program's path; fails naming the Debian package when it is missing (never a silent skip). */
    Path require(String debianPackage) {
        return find().orElseThrow(() -> new IllegalStateException(name + " is not on the PATH: install the Debian "
                + "package " + debianPackage + " (./flywheel test installs it)"));
    }

    Result run(Path workingDir, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(find().orElseThrow(() -> new IllegalStateException(name + " is not on the PATH")).toString());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 2 minutes");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
