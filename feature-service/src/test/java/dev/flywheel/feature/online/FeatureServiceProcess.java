package dev.flywheel.feature.online;

import java.io.IOException;
import java.net.ServerSocket;
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
 * One feature service running as its own process from the packaged fast-jar ({@code target/quarkus-app}), as an
 * operator runs it: its own JVM, port, {@code application.server} and state folder, its log in a file. It exits by
 * itself if the test JVM dies ({@code flywheel.parent-pid}).
 */
final class FeatureServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** The key every request of the test sends; a client holding the read role only. */
    static final String API_KEY = "online-it-reader-0123456789";

    private final int port;
    private final Process process;
    private final Path log;

    private FeatureServiceProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the service on a free port, announcing {@code 127.0.0.1:<port>} as its {@code application.server}. */
    static FeatureServiceProcess start(Path module, String name, Map<String, String> properties, Path workDir)
            throws IOException {
        return start(module, name, properties, workDir, workDir.resolve(name + ".log"));
    }

    /** The same, logging to {@code log}: a restarted instance keeps its state folder's name but not its old log. */
    static FeatureServiceProcess start(Path module, String name, Map<String, String> properties, Path workDir,
                                       Path log) throws IOException {
        return start(module, name, properties, Map.of(), workDir, log);
    }

    /** The same, with extra environment variables (settings as operations pass secrets: not on the command line). */
    static FeatureServiceProcess start(Path module, String name, Map<String, String> properties,
                                       Map<String, String> environment, Path workDir, Path log) throws IOException {
        Path jar = module.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("feature-service is not packaged: " + jar + " is missing");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.kafka-streams.application-server=127.0.0.1:" + port,
                "-Dkafka-streams.state.dir=" + stateDir(workDir, name),
                "-Dflywheel.parent-pid=" + ProcessHandle.current().pid(),
                // Authentication on, as in production: a forwarded lookup must carry the caller's key.
                "-Dflywheel.security.api-keys.it-reader.key=" + API_KEY,
                "-Dflywheel.security.api-keys.it-reader.roles=read"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(module.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new FeatureServiceProcess(port, process, log);
    }

    /** Where it keeps its RocksDB state ({@code kafka-streams.state.dir}). */
    static Path stateDir(Path workDir, String name) {
        return workDir.resolve(name + "-state");
    }

    /** Its {@code application.server}, as the served-by header names it. */
    String address() {
        return "127.0.0.1:" + port;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10))
                .header("X-API-Key", API_KEY);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** True when the service answers its readiness probe with 200; fails if the process has exited. */
    boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("feature service exited with " + process.exitValue() + "; log: " + log);
        }
        try {
            return get("/q/health/ready").statusCode() == 200;
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

    /** Its log so far, line by line. */
    List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }

    /**
     * Kills it as a crash would ({@code SIGKILL}): no shutdown hook runs, so it neither leaves its consumer group
     * nor commits; the others notice only when its session times out.
     */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("feature service did not die within 10 s of SIGKILL; log: " + log);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
