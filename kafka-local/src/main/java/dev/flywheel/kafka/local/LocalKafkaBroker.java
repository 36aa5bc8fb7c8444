package dev.flywheel.kafka.local;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, Kafka's own server jars) in a child JVM running {@link BrokerMain}.
 *
 * <p>This class uses the JDK and kafka-clients only: the server jars stay on the child's class path, recorded at
 * build time, and never reach the caller's. The child's stdout and stderr go to {@link #logFile()}; it watches
 * this JVM's pid and exits when this JVM does, even after a {@code kill -9}.
 *
 * <pre>{@code
 * try (LocalKafkaBroker broker = LocalKafkaBroker.start(BrokerOptions.defaults())) {
 *     KafkaTopics.create(broker.bootstrapServers(), List.of("events"), 3);
 *     ...
 * }
 * }</pre>
 */
public final class LocalKafkaBroker implements KafkaBroker {

    /** What {@link BrokerMain} prints once the broker has started; the launcher waits for it. */
    public static final String READY_MARKER = "FLYWHEEL-KAFKA-READY";

    /** What {@link BrokerMain} prints, followed by the causes, when the broker failed to start. */
    static final String FAILED_MARKER = "FLYWHEEL-KAFKA-FAILED";

    static final String MAIN_CLASS = "dev.flywheel.kafka.local.BrokerMain";

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final int controllerPort;
    private final int saslPort;
    private final Path directory;
    private final boolean deleteOnClose;
    private final Path logFile;
    private final String clusterId;
    private final Duration startupTime;
    private final BrokerOptions options;
    private boolean closed;

    private LocalKafkaBroker(Process process, int[] ports, Path directory, boolean deleteOnClose,
            Path logFile, String clusterId, Duration startupTime, BrokerOptions options) {
        this.options = options;
        this.process = process;
        this.port = ports[0];
        this.controllerPort = ports[1];
        this.saslPort = ports[2];
        this.directory = directory;
        this.deleteOnClose = deleteOnClose;
        this.logFile = logFile;
        this.clusterId = clusterId;
        this.startupTime = startupTime;
    }

    /**
     * Starts a broker JVM and returns once it printed its ready line and answered an Admin
     * {@code describeCluster}.
     *
     * @throws BrokerStartException if it exits or does not answer within the startup timeout; the message ends
     *                              with the tail of its log
     */
    public static LocalKafkaBroker start(BrokerOptions options) {
        boolean picksPorts = options.port() == 0 && options.controllerPort() == 0
                && (options.sasl() == null || options.sasl().port() == 0);
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(options);
            } catch (BrokerStartException e) {
                // A port picked as free can be taken by someone else before the broker binds it.
                boolean portRace = picksPorts && e.getMessage().contains("Address already in use");
                if (!portRace || attempt == START_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("A picked port was taken before the broker bound it; trying other ports");
            }
        }
    }

    private static LocalKafkaBroker startOnce(BrokerOptions options) {
        return startOnce(options, null, !options.persistent());
    }

    /**
     * @param reusedDirectory the directory of a broker being restarted (null: the options' own or a new one)
     * @param temporary       whether {@link #close()} deletes the directory
     */
    private static LocalKafkaBroker startOnce(BrokerOptions options, Path reusedDirectory, boolean temporary) {
        String classPath = BrokerClassPath.resolve();
        SaslListener sasl = options.sasl();
        int[] ports = choosePorts(options.port(), options.controllerPort(), sasl == null ? -1 : sasl.port());
        Path directory;
        Path logFile;
        long logOffset;
        try {
            if (reusedDirectory != null) {
                directory = reusedDirectory;
            } else {
                directory = temporary
                        ? Files.createTempDirectory("flywheel-kafka-")
                        : Files.createDirectories(options.directory().toAbsolutePath());
            }
            logFile = options.logFile() != null ? options.logFile().toAbsolutePath() : directory.resolve("broker.log");
            Files.createDirectories(logFile.getParent());
            logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            throw new BrokerStartException("Could not prepare the broker's directory: " + e.getMessage(), e);
        }

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmFlags());
        command.addAll(List.of("-cp", classPath, MAIN_CLASS,
                "--port", Integer.toString(ports[0]),
                "--controller-port", Integer.toString(ports[1]),
                "--dir", directory.toString(),
                "--parent-pid", Long.toString(options.parentPid())));
        if (sasl != null) {
            command.addAll(List.of("--sasl-port", Integer.toString(ports[2]),
                    "--sasl-config", SaslConfigFile.write(directory, sasl).toString()));
        }

        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new BrokerStartException("Could not launch the broker JVM: " + e.getMessage(), e);
        }
        String bootstrap = "127.0.0.1:" + ports[0];
        try {
            String clusterId = awaitReady(process, bootstrap, logFile, logOffset, options.startupTimeout());
            Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
            LOG.info("Kafka broker ready at {} in {} ms (pid {}, cluster {}, log {})",
                    bootstrap, startupTime.toMillis(), process.pid(), clusterId, logFile);
            return new LocalKafkaBroker(process, ports, directory, temporary, logFile, clusterId, startupTime,
                    options);
        } catch (RuntimeException e) {
            stop(process, Duration.ZERO);
            // A failed restart (reusedDirectory) keeps the records the caller restarted the broker for.
            if (reusedDirectory == null && temporary && logFile.startsWith(directory)) {
                // Keep the log (and server.properties) that the exception points to; the data is of no use.
                deleteRecursively(directory.resolve("data"));
            } else if (reusedDirectory == null && temporary) {
                deleteRecursively(directory);
            }
            throw e;
        }
    }

    /**
     * Waits for the ready line in the child's log, then for an Admin {@code describeCluster} to answer; fails
     * fast if the child exits.
     */
    private static String awaitReady(Process process, String bootstrap, Path logFile, long logOffset,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean printedReady = false;
        Exception lastProbeError = null;
        Admin admin = null;
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw failure("Kafka broker JVM exited with code " + process.exitValue()
                            + " before it was ready", bootstrap, process, logFile, logOffset, null);
                }
                if (!printedReady) {
                    printedReady = readFrom(logFile, logOffset).contains(READY_MARKER);
                }
                if (printedReady) {
                    if (admin == null) {
                        admin = Admin.create(Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                                AdminClientConfig.CLIENT_ID_CONFIG, "flywheel-kafka-local-probe",
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis()));
                    }
                    try {
                        return admin.describeCluster(new DescribeClusterOptions()
                                        .timeoutMs((int) PROBE_TIMEOUT.toMillis()))
                                .clusterId().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (ExecutionException | TimeoutException e) {
                        lastProbeError = e;
                    }
                }
                if (System.nanoTime() > deadline) {
                    String what = printedReady ? "started but did not answer describeCluster" : "did not start";
                    throw failure("Kafka broker " + what + " within " + timeout.toSeconds() + " s",
                            bootstrap, process, logFile, logOffset, lastProbeError);
                }
                // Waits on the child's exit, so a crash is noticed at once rather than at the next poll.
                try {
                    process.onExit().get(POLL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // still running: poll again
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("Interrupted while waiting for the Kafka broker at " + bootstrap, e);
        } finally {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
        }
    }

    private static BrokerStartException failure(String what, String bootstrap, Process process, Path logFile,
            long logOffset, Exception cause) {
        String log = readFrom(logFile, logOffset);
        String reason = log.lines()
                .filter(line -> line.contains(FAILED_MARKER))
                .map(line -> ": " + line.substring(line.indexOf(FAILED_MARKER) + FAILED_MARKER.length()).trim())
                .reduce((first, last) -> last)
                .orElse(cause == null ? "" : ": last probe error " + cause);
        String message = what + " (bootstrap " + bootstrap + ", pid " + process.pid() + ")" + reason
                + "\nLast lines of " + logFile + " (stack frames left out):\n" + tail(log, LOG_TAIL_LINES);
        return new BrokerStartException(message, cause);
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * The SASL listener's address ({@link BrokerOptions#withSasl(SaslListener)}): clients connecting here must log
     * in with a user of {@link SaslListener#users()}.
     *
     * @throws IllegalStateException if the broker was started without a SASL listener
     */
    public String saslBootstrapServers() {
        if (options.sasl() == null) {
            throw new IllegalStateException("This broker has no SASL listener; start it with BrokerOptions.withSasl");
        }
        return "127.0.0.1:" + saslPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** The broker's directory: {@code server.properties} and {@code data/}. */
    public Path directory() {
        return directory;
    }

    /** The broker JVM's stdout and stderr. */
    public Path logFile() {
        return logFile;
    }

    /** The cluster id the broker reported when it became ready; the same after a restart on the same directory. */
    public String clusterId() {
        return clusterId;
    }

    /** From launching the JVM to the first answered {@code describeCluster}. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The broker JVM, e.g. to await its exit. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /**
     * Stops the broker JVM and waits for it to exit. A temporary directory is deleted: its broker is killed at
     * once, since a clean shutdown would only tidy data about to be deleted. A broker on a directory of your own
     * shuts down cleanly (SIGTERM, up to 30 s) so the next start needs no log recovery.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(process, deleteOnClose ? Duration.ZERO : GRACEFUL_STOP);
        if (deleteOnClose) {
            deleteRecursively(directory);
        }
    }

    /** How {@link #restart(Stop)} ends the running broker. */
    public enum Stop {
        /** SIGTERM: a controlled shutdown (up to 30 s), as an operator's restart. */
        GRACEFUL,
        /** SIGKILL: the broker JVM dies mid-write, as on a crash; the next start recovers its logs. */
        KILL
    }

    /**
     * Stops this broker and starts a new JVM on the same ports, directory and log file, so clients configured with
     * {@link #bootstrapServers()} reconnect by themselves; records written before survive (those acknowledged with
     * {@code acks=all}, even after {@link Stop#KILL}: what reached the log is in the operating system's page cache,
     * which outlives the process). This
     * instance is closed; use the returned one from now on (it deletes a temporary directory on close, as this
     * one would have).
     *
     * @throws BrokerStartException if the new broker does not answer in the options' startup timeout
     */
    public synchronized LocalKafkaBroker restart(Stop how) {
        if (closed) {
            throw new IllegalStateException("This broker was closed; restart the instance restart() returned");
        }
        closed = true;
        stop(process, how == Stop.KILL ? Duration.ZERO : GRACEFUL_STOP);
        LOG.info("Kafka broker pid {} stopped ({}); starting it again on {}", process.pid(), how,
                bootstrapServers());
        BrokerOptions same = options.withPorts(port, controllerPort).withLogFile(logFile);
        if (options.sasl() != null) {
            same = same.withSasl(options.sasl().withPort(saslPort));
        }
        return startOnce(same, directory, deleteOnClose);
    }

    @Override
    public String toString() {
        return "Kafka broker JVM at " + bootstrapServers() + " (pid " + process.pid() + ", " + directory + ")";
    }

    private static void stop(Process process, Duration grace) {
        try {
            if (!grace.isZero()) {
                process.destroy();
                if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                LOG.warn("Kafka broker pid {} did not stop within {} s; killing it",
                        process.pid(), grace.toSeconds());
            }
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * The given ports, with each 0 replaced by a free loopback port; all sockets are held so they differ. A SASL
     * port of -1 means no SASL listener (and stays -1).
     */
    private static int[] choosePorts(int port, int controllerPort, int saslPort) {
        try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket second = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket third = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {
                    port != 0 ? port : first.getLocalPort(),
                    controllerPort != 0 ? controllerPort : second.getLocalPort(),
                    saslPort != 0 ? saslPort : third.getLocalPort()};
        } catch (IOException e) {
            throw new BrokerStartException("Could not find free loopback ports: " + e.getMessage(), e);
        }
    }

    /** The log written since {@code offset}: this start's output only, in an appended file. */
    private static String readFrom(Path file, long offset) {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 4 * 1024 * 1024)];
            in.seek(length - bytes.length);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of a log, without stack frames: the messages are what a reader needs first. */
    static String tail(String text, int lines) {
        List<String> all = text.lines()
                .filter(line -> !line.startsWith("\tat ") && !(line.startsWith("\t...") && line.endsWith(" more")))
                .toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", root, e.getMessage());
        }
    }
}
