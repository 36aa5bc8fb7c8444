package dev.flywheel.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus or Alertmanager (the Debian programs) running as a child process on a loopback port, its output in
 * a log file. Ready when {@code /-/ready} answers 200; closing it stops the process (and kills it after 10 s).
 */
final class MonitoringProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private MonitoringProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * @param arguments the program's flags; {@code --web.listen-address} is added
     */
    static MonitoringProcess start(CommandLineTool program, String debianPackage, int port, List<String> arguments,
                                   Path workDir, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(program.require(debianPackage).toString());
        command.addAll(arguments);
        command.add("--web.listen-address=127.0.0.1:" + port);
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new MonitoringProcess(program.name(), port, process, log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** True once {@code /-/ready} answers 200; fails at once if the process has exited. */
    boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + log);
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(uri("/-/ready")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
