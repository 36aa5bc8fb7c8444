package dev.flywheel.kafka.local;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the broker JVM: a single-node Kafka in KRaft combined mode (broker and controller in one
 * process) on 127.0.0.1.
 *
 * <p>Consumes its command line ({@code --port 9092 --controller-port 9093 --dir <dir> [--parent-pid N]
 * [--sasl-port 9094 --sasl-config <file>]}); with the last two it adds a listener that authenticates with SCRAM-SHA-512
 * ({@link SaslListener}, users and key store read from {@link SaslConfigFile}).
 * Produces {@code <dir>/server.properties} and the broker's logs in {@code <dir>/data} (formatted once, so a
 * restart on the same directory keeps cluster id and records), and on stdout one line containing
 * {@link LocalKafkaBroker#READY_MARKER} once clients can connect. Runs until killed, or until the process
 * given by {@code --parent-pid} has gone.
 *
 * <p>Needs the Kafka server jars on its class path: {@code kafka-local/target/broker.classpath} lists them.
 */
public final class BrokerMain {

    static {
        // slf4j-simple reads these once, when the first logger is made: Kafka's internals at WARN, ours at INFO.
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.dev.flywheel", "info");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMain.class);
    private static final Duration PARENT_POLL = Duration.ofMillis(500);
    /** The SASL listener's name in {@code listeners} and in its {@code listener.name.sasl.*} settings. */
    static final String SASL_LISTENER = "SASL";

    private BrokerMain() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: BrokerMain --port 9092 --controller-port 9093 --dir <dir> [--parent-pid <pid>]"
                    + " [--sasl-port 9094 --sasl-config <sasl.properties>]");
            System.exit(2);
            return;
        }
        arguments.parentPid().ifPresent(BrokerMain::exitWhenGone);

        KafkaRaftServer server;
        try {
            Path dataDir = arguments.dir().resolve("data");
            Files.createDirectories(dataDir);
            SaslListener sasl = arguments.saslConfig().isPresent()
                    ? SaslConfigFile.read(arguments.saslConfig().get(), arguments.saslPort().orElseThrow())
                    : null;
            String text = serverProperties(arguments, dataDir, sasl);
            Path propertiesFile = arguments.dir().resolve("server.properties");
            Files.writeString(propertiesFile, text);
            formatOnce(dataDir, propertiesFile, sasl);

            Properties properties = new Properties();
            properties.load(new StringReader(text));
            server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        } catch (IOException | RuntimeException e) {
            LOG.error("Kafka broker could not be set up in {}", arguments.dir(), e);
            System.exit(1);
            return;
        }

        KafkaRaftServer running = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the Kafka broker on 127.0.0.1:{}", arguments.port());
            running.shutdown();
            LOG.info("Kafka broker stopped");
        }, "kafka-shutdown"));
        try {
            server.startup();
        } catch (Throwable e) {
            LOG.error("Kafka broker failed to start on 127.0.0.1:{} (controller {})",
                    arguments.port(), arguments.controllerPort(), e);
            // One line after the stack traces, for the launcher's exception message.
            LOG.error("{} {}", LocalKafkaBroker.FAILED_MARKER, causes(e));
            System.exit(1);
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        LOG.info("{} bootstrap=127.0.0.1:{} controller=127.0.0.1:{}{} dir={} started-in={}ms",
                LocalKafkaBroker.READY_MARKER, arguments.port(), arguments.controllerPort(),
                arguments.saslPort().map(port -> " sasl=127.0.0.1:" + port).orElse(""), arguments.dir(), millis);
        server.awaitShutdown();
    }

    /**
     * The broker's configuration, written out for a reader: a file they can open to see what ran.
     */
    static String serverProperties(Arguments arguments, Path dataDir, SaslListener sasl) {
        int port = arguments.port();
        int controllerPort = arguments.controllerPort();
        return """
                # Written by dev.flywheel.kafka.local.BrokerMain at each start; edits are overwritten.
                # One node in KRaft combined mode: broker and controller in this process, loopback only.
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d%4$s
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d%4$s
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT%5$s
                inter.broker.listener.name=PLAINTEXT
                controller.listener.names=CONTROLLER
                log.dirs=%3$s

                # A single replica everywhere, internal topics included, or they are never created.
                default.replication.factor=1
                min.insync.replicas=1
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                # Internal topics are made on first use, one log per partition: one node needs no spread.
                offsets.topic.num.partitions=5
                transaction.state.log.num.partitions=5
                share.coordinator.state.topic.num.partitions=5

                # Consumers join a group at once instead of waiting 3 s for others.
                group.initial.rebalance.delay.ms=0

                # Off: every topic is created on purpose (services at start, tests through KafkaTopics), with
                # its partition count. Auto-creation would hide a misspelt name behind a new 1-partition topic.
                auto.create.topics.enable=false
                num.partitions=1

                # Two cores: fewer request threads than the defaults (3 network, 8 I/O) are plenty here.
                num.network.threads=2
                num.io.threads=4
                """.formatted(port, controllerPort, dataDir.toAbsolutePath(),
                sasl == null ? "" : "," + SASL_LISTENER + "://127.0.0.1:" + sasl.port(),
                sasl == null ? "" : "," + SASL_LISTENER + ":" + sasl.securityProtocol())
                + (sasl == null ? "" : saslProperties(sasl));
    }

    /**
     * The SASL listener's settings: SCRAM-SHA-512 only, checked against the credentials in the cluster metadata.
     * Inter-broker and controller traffic stay on the PLAINTEXT and CONTROLLER listeners, so the broker needs no
     * credentials of its own and the server side's JAAS line carries none.
     */
    static String saslProperties(SaslListener sasl) {
        String prefix = "listener.name." + SASL_LISTENER.toLowerCase(Locale.ROOT) + ".";
        StringBuilder text = new StringBuilder()
                .append("\n# The ").append(sasl.securityProtocol()).append(" listener: every client logs in with ")
                .append(SaslListener.MECHANISM).append(" (users created at format time; no ACLs).\n")
                .append(prefix).append("sasl.enabled.mechanisms=").append(SaslListener.MECHANISM).append('\n')
                .append(prefix).append(SaslListener.MECHANISM.toLowerCase(Locale.ROOT))
                .append(".sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;\n");
        if (sasl.keyStore() != null) {
            text.append(prefix).append("ssl.keystore.type=PKCS12\n")
                    .append(prefix).append("ssl.keystore.location=").append(sasl.keyStore()).append('\n')
                    .append(prefix).append("ssl.keystore.password=").append(sasl.keyStorePassword()).append('\n')
                    .append(prefix).append("ssl.key.password=").append(sasl.keyStorePassword()).append('\n');
        }
        return text.toString();
    }

    /**
     * Formats the storage the first time only; {@code meta.properties} then holds the cluster id, so a restart
     * on the same directory finds its topics and records. SASL users are created here ({@code --add-scram}), as
     * in the cluster's first metadata; a restart keeps the users the storage was formatted with.
     */
    private static void formatOnce(Path dataDir, Path propertiesFile, SaslListener sasl) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            LOG.info("Reusing formatted storage in {}", dataDir);
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        List<String> format = new ArrayList<>(List.of(
                "format", "--ignore-formatted", "--cluster-id", clusterId, "--config", propertiesFile.toString()));
        if (sasl != null) {
            sasl.users().forEach((name, password) -> format.addAll(List.of("--add-scram",
                    SaslListener.MECHANISM + "=[name=" + name + ",password=" + password + "]")));
        }
        int exitCode = StorageTool.execute(format.toArray(String[]::new), System.out);
        if (exitCode != 0) {
            throw new IllegalStateException("kafka-storage format exited with " + exitCode);
        }
    }

    /**
     * Exits this JVM once the process {@code pid} has gone, so a killed test run leaves no broker behind. The start
     * instant guards against the pid being reused by an unrelated process.
     */
    private static void exitWhenGone(long pid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            LOG.error("Parent process {} is not running; exiting", pid);
            System.exit(3);
        }
        Optional<Instant> parentStart = parent.get().info().startInstant();
        Thread watcher = new Thread(() -> {
            while (isSameProcessAlive(pid, parentStart)) {
                try {
                    Thread.sleep(PARENT_POLL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            LOG.warn("Parent process {} has gone; stopping the broker", pid);
            System.exit(0);
        }, "parent-watch-" + pid);
        watcher.setDaemon(true);
        watcher.start();
    }

    private static boolean isSameProcessAlive(long pid, Optional<Instant> start) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> start.isEmpty() || start.equals(handle.info().startInstant()))
                .isPresent();
    }

    /** The messages of a throwable and its causes, outermost first, leaving out any that an earlier one repeats. */
    static String causes(Throwable error) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
            if (messages.stream().noneMatch(earlier -> earlier.contains(message))) {
                messages.add(message);
            }
        }
        return String.join(" / caused by: ", messages);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The parsed command line. */
    record Arguments(int port, int controllerPort, Path dir, Optional<Long> parentPid, Optional<Integer> saslPort,
            Optional<Path> saslConfig) {

        static Arguments parse(String[] args) {
            int port = 9092;
            int controllerPort = 9093;
            Path dir = null;
            Long parentPid = null;
            Integer saslPort = null;
            Path saslConfig = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--port" -> port = parsePort(name, value);
                    case "--controller-port" -> controllerPort = parsePort(name, value);
                    case "--dir" -> dir = Path.of(value).toAbsolutePath().normalize();
                    case "--parent-pid" -> parentPid = Long.parseLong(value);
                    case "--sasl-port" -> saslPort = parsePort(name, value);
                    case "--sasl-config" -> saslConfig = Path.of(value).toAbsolutePath().normalize();
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("--dir is required");
            }
            if (port == controllerPort) {
                throw new IllegalArgumentException("--port and --controller-port must differ");
            }
            if ((saslPort == null) != (saslConfig == null)) {
                throw new IllegalArgumentException("--sasl-port and --sasl-config go together");
            }
            if (saslPort != null && (saslPort == port || saslPort == controllerPort)) {
                throw new IllegalArgumentException("--sasl-port must differ from --port and --controller-port");
            }
            return new Arguments(port, controllerPort, dir, Optional.ofNullable(parentPid),
                    Optional.ofNullable(saslPort), Optional.ofNullable(saslConfig));
        }

        private static int parsePort(String name, String value) {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + " must be a port in 1..65535, was " + value);
            }
            return port;
        }
    }
}
