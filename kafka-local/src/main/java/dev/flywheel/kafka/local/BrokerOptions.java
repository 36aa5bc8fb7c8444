package dev.flywheel.kafka.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link LocalKafkaBroker#start(BrokerOptions)} runs the broker JVM. Start from {@link #defaults()} and
 * change what you need with the {@code with…} methods.
 *
 * @param port           the client (PLAINTEXT) port on 127.0.0.1; 0 picks a free one
 * @param controllerPort the KRaft controller port on 127.0.0.1; 0 picks a free one
 * @param directory      where the broker keeps {@code server.properties} and its data; kept after close. Null: a
 *                       fresh temporary directory, deleted on close
 * @param logFile        where the broker JVM's stdout and stderr go (appended). Null: {@code broker.log} in the
 *                       broker's directory
 * @param jvmFlags       flags for the broker JVM, before the class path
 * @param startupTimeout how long to wait for the broker to answer before giving up and stopping it
 * @param parentPid      the process whose end stops the broker; by default this JVM
 * @param sasl           a second client listener that checks SCRAM credentials; null (the default): none
 */
public record BrokerOptions(
        int port,
        int controllerPort,
        Path directory,
        Path logFile,
        List<String> jvmFlags,
        Duration startupTimeout,
        long parentPid,
        SaslListener sasl) {

    /** Small heap, serial GC and C1 only: the broker starts sooner and a test load never needs more. */
    public static final List<String> TEST_JVM_FLAGS =
            List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    public BrokerOptions {
        checkPort("port", port);
        checkPort("controllerPort", controllerPort);
        if (port != 0 && port == controllerPort) {
            throw new IllegalArgumentException("port and controllerPort must differ, both were " + port);
        }
        jvmFlags = List.copyOf(jvmFlags);
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive, was " + startupTimeout);
        }
        if (sasl != null && sasl.port() != 0 && (sasl.port() == port || sasl.port() == controllerPort)) {
            throw new IllegalArgumentException("the SASL listener's port must differ from port and controllerPort, was "
                    + sasl.port());
        }
    }

    /** Options without a SASL listener, as before there was one. */
    public BrokerOptions(int port, int controllerPort, Path directory, Path logFile, List<String> jvmFlags,
            Duration startupTimeout, long parentPid) {
        this(port, controllerPort, directory, logFile, jvmFlags, startupTimeout, parentPid, null);
    }

    /** Free ports, a temporary directory, {@link #TEST_JVM_FLAGS}, 60 s to start, stopped when this JVM ends. */
    public static BrokerOptions defaults() {
        return new BrokerOptions(0, 0, null, null, TEST_JVM_FLAGS, Duration.ofSeconds(60),
                ProcessHandle.current().pid());
    }

    public BrokerOptions withPorts(int port, int controllerPort) {
        return new BrokerOptions(port, controllerPort, directory, logFile, jvmFlags, startupTimeout, parentPid, sasl);
    }

    /** A directory of your own: kept after close, so the next start on it finds the same topics and records. */
    public BrokerOptions withDirectory(Path directory) {
        return new BrokerOptions(port, controllerPort, directory, logFile, jvmFlags, startupTimeout, parentPid, sasl);
    }

    public BrokerOptions withLogFile(Path logFile) {
        return new BrokerOptions(port, controllerPort, directory, logFile, jvmFlags, startupTimeout, parentPid, sasl);
    }

    public BrokerOptions withJvmFlags(List<String> jvmFlags) {
        return new BrokerOptions(port, controllerPort, directory, logFile, jvmFlags, startupTimeout, parentPid, sasl);
    }

    public BrokerOptions withStartupTimeout(Duration startupTimeout) {
        return new BrokerOptions(port, controllerPort, directory, logFile, jvmFlags, startupTimeout, parentPid, sasl);
    }

    public BrokerOptions withParentPid(long parentPid) {
        return new BrokerOptions(port, controllerPort, directory, logFile, jvmFlags, startupTimeout, parentPid, sasl);
    }

    /**
     * Adds a SASL listener ({@link SaslListener#scram(java.util.Map)}, optionally {@code withTls}) beside the
     * PLAINTEXT one; {@link LocalKafkaBroker#saslBootstrapServers()} names it.
     */
    public BrokerOptions withSasl(SaslListener sasl) {
        return new BrokerOptions(port, controllerPort, directory, logFile, jvmFlags, startupTimeout, parentPid, sasl);
    }

    /** True when the broker's directory outlives it. */
    public boolean persistent() {
        return directory != null;
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (free) or a port in 1..65535, was " + port);
        }
    }
}
