package dev.flywheel.loop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Flywheel service running as its own process from its packaged fast-jar, as an operator runs
 * it: its own JVM, its own port, its log in a file. It exits by itself if the test JVM dies
 * ({@code flywheel.parent-pid}).
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final Path repository;
    private final Map<String, String> properties;

    private ServiceProcess(String name, int port, Process process, Path log, Path repository,
                           Map<String, String> properties) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.repository = repository;
        this.properties = Map.copyOf(properties);
    }

    static ServiceProcess start(Path repository, String name, int port, Map<String, String> properties, Path logDir)
            throws IOException {
        return launch(repository, name, port, properties, logDir.resolve(name + ".log"), false);
    }

    private static ServiceProcess launch(Path repository, String name, int port, Map<String, String> properties,
                                         Path log, boolean append) throws IOException {
        Path jar = repository.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar + " is missing");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx448m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-Dquarkus.http.port=" + port,
                "-Dflywheel.parent-pid=" + ProcessHandle.current().pid(),
                // The platform runs on loopback like the demo: no API keys unless a test passes its own setting.
                "-Dflywheel.security.enabled=false"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile())
                .redirectErrorStream(true)
                .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()));
        // PyTorch and XGBoost spin-wait in OpenMP otherwise, which starves every other process here.
        builder.environment().put("OMP_WAIT_POLICY", "passive");
        builder.environment().put("OMP_NUM_THREADS", "1");
        return new ServiceProcess(name, port, builder.start(), log, repository, properties);
    }

    /** SIGKILL, as a crash or an OOM kill: no shutdown hook runs, nothing is flushed or committed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The same service again, on the same port with the same settings; its log continues in the same file. */
    ServiceProcess startAgain() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + process.pid() + ")");
        }
        return launch(repository, name, port, properties, log, true);
    }

    String name() {
        return name;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** True when the service answers its readiness probe with 200. */
    boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + log);
        }
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri("/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
