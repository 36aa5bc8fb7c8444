package dev.flywheel.loop;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flywheel.kafka.local.BrokerOptions;
import dev.flywheel.kafka.local.LocalKafkaBroker;

/**
 * The whole platform on this machine: a fresh broker and the five services as separate processes,
 * sharing one pipelines folder and one model registry. Closing it stops the services first (they
 * still need the broker to close cleanly), then the broker. Public for the deploy checks
 * ({@code dev.flywheel.deploy.ObservabilityIT}), which scrape the same platform with a real Prometheus.
 */
public final class Platform implements AutoCloseable {

    public static final List<String> SERVICES = List.of("ingest-service", "feature-service", "training-service",
            "inference-service", "monitor-service");
    private static final List<String> STREAMS_SERVICES = List.of("feature-service", "monitor-service");

    private LocalKafkaBroker broker;
    private final Map<String, ServiceProcess> services;

    private Platform(LocalKafkaBroker broker, Map<String, ServiceProcess> services) {
        this.broker = broker;
        this.services = services;
    }

    /**
     * Starts broker and services and waits until every service is ready.
     *
     * @param extraProperties system properties given to every service (e.g. faster polling for a test); those under a
     *                        service's own prefix ({@code flywheel.monitor.*}) to that service only
     */
    public static Platform start(Path repository, Path workDir, Path pipelinesDir, Map<String, String> extraProperties)
            throws IOException {
        Path logs = Files.createDirectories(workDir.resolve("logs"));
        LocalKafkaBroker broker = LocalKafkaBroker.start(BrokerOptions.defaults()
                .withDirectory(workDir.resolve("kafka")).withLogFile(logs.resolve("kafka.log"))
                .withStartupTimeout(Duration.ofSeconds(90)));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", broker.bootstrapServers());
        properties.put("flywheel.pipelines-dir", pipelinesDir.toString());
        properties.put("flywheel.registry-dir", workDir.resolve("registry").toString());
        properties.putAll(extraProperties);
        Map<String, ServiceProcess> started = new LinkedHashMap<>();
        Platform platform = new Platform(broker, started);
        try {
            for (String name : SERVICES) {
                Map<String, String> own = new LinkedHashMap<>();
                // A service's own settings (flywheel.monitor.*) go to it alone: flywheel.* is a strict mapping in
                // the others, which would refuse a key they do not know.
                properties.forEach((key, value) -> {
                    if (SERVICES.stream().noneMatch(other -> !other.equals(name) && key.startsWith(prefixOf(other)))) {
                        own.put(key, value);
                    }
                });
                if (name.equals("monitor-service")) {
                    // The web console it serves calls the other services from the browser, at their addresses.
                    started.forEach((other, process) -> own.put("flywheel.monitor.console."
                            + other.replace("-service", "") + "-url", process.uri("").toString()));
                }
                if (STREAMS_SERVICES.contains(name)) {
                    // Kafka Streams state beside this run's broker, never a stale folder of another run.
                    own.put("kafka-streams.state.dir", workDir.resolve("state").resolve(name).toString());
                }
                started.put(name, ServiceProcess.start(repository, name, freePort(), own, logs));
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> started.values().stream().allMatch(ServiceProcess::ready));
        } catch (RuntimeException | IOException e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    /** Stops the broker and starts it again on the same ports and data; the services reconnect by themselves. */
    public synchronized void restartBroker(LocalKafkaBroker.Stop how) {
        broker = broker.restart(how);
    }

    /** {@code kill -9} of one service: no shutdown hook, no last commit. */
    public void kill(String service) throws InterruptedException {
        services.get(service).kill();
    }

    /** Starts a killed or stopped service again, as it was, and waits until it is ready. */
    public void startAgain(String service) throws IOException {
        ServiceProcess again = services.get(service).startAgain();
        services.put(service, again);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(again::ready);
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public URI uri(String service, String path) {
        return services.get(service).uri(path);
    }

    /** Every service is still running (none crashed during the test). */
    public List<String> crashed() {
        List<String> crashed = new ArrayList<>();
        services.values().stream().filter(s -> !s.alive()).forEach(s -> crashed.add(s.name() + " (" + s.log() + ")"));
        return crashed;
    }

    @Override
    public void close() {
        List<ServiceProcess> reverse = new ArrayList<>(services.values());
        java.util.Collections.reverse(reverse);
        for (ServiceProcess service : reverse) {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        broker.close();
    }

    /** {@code flywheel.monitor.} for monitor-service: the prefix of its own configuration. */
    private static String prefixOf(String service) {
        return "flywheel." + service.replace("-service", "") + ".";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
