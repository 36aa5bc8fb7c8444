package dev.flywheel.ingest.source.jdbc;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real MariaDB server for tests, run from the Debian package {@code mariadb-server}: a fresh data directory
 * under {@code target/}, {@code mariadbd} on a free loopback port, user {@code root} without password from
 * 127.0.0.1. Stopped by {@link #close()}, by a JVM shutdown hook, and by a watchdog process should the JVM be
 * killed, so no server outlives the tests.
 */
final class EmbeddedMariaDb implements AutoCloseable {

    private static final List<Path> BINARY_DIRS = Stream.concat(
            Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(dir -> !dir.isBlank()).map(Path::of),
            Stream.of(Path.of("/usr/sbin"), Path.of("/usr/bin"))).toList();

    private final Path dir;
    private final int port;
    private final Path server;
    private final Thread shutdownHook = new Thread(this::stop, "mariadb-test-server-stop");
    private Process process;
    private Process watchdog;

    private EmbeddedMariaDb(Path dir, int port, Path server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    /** Initialises a data directory and starts the server; fails, naming the fix, when MariaDB is not installed. */
    static EmbeddedMariaDb start() throws IOException, InterruptedException {
        Path server = binary("mariadbd");
        Path installDb = binary("mariadb-install-db");
        Path dir = Path.of("target", "mariadb-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Files.createDirectories(dir);
        Process install = new ProcessBuilder(installDb.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--auth-root-authentication-method=normal", "--skip-test-db", "--user=root")
                .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            install.destroyForcibly();
            throw new IllegalStateException("mariadb-install-db failed; see " + dir.resolve("install.log") + ":\n"
                    + Files.readString(dir.resolve("install.log")));
        }
        EmbeddedMariaDb db = new EmbeddedMariaDb(dir, freePort(), server);
        Runtime.getRuntime().addShutdownHook(db.shutdownHook);
        db.startServer();
        return db;
    }

    /** A JDBC URL to one database of this server. */
    String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "root", "");
    }

    /** Starts the server again on the same port and data (after {@link #stop()}). */
    void startServer() throws IOException {
        process = new ProcessBuilder(server.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--port=" + port, "--socket=" + dir.resolve("mariadbd.sock"), "--bind-address=127.0.0.1",
                "--user=root", "--skip-name-resolve", "--pid-file=" + dir.resolve("mariadbd.pid"),
                "--innodb-buffer-pool-size=32M", "--log-error=" + dir.resolve("error.log"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile()).start();
        // Kills the server if this JVM dies without running its shutdown hooks (kill -9, crash).
        watchdog = new ProcessBuilder("bash", "-c", "while kill -0 " + ProcessHandle.current().pid()
                + " 2>/dev/null && kill -0 " + process.pid() + " 2>/dev/null; do sleep 1; done; kill "
                + process.pid() + " 2>/dev/null").start();
        await("MariaDB answering on port " + port).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsMatching(e -> e instanceof SQLException)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("mariadbd exited with " + process.exitValue() + "; see "
                                + dir.resolve("error.log") + ":\n" + readLog());
                    }
                    try (Connection connection = connect("mysql")) {
                        return connection.isValid(2);
                    }
                });
    }

    /** Stops the server (a clean shutdown; killed after 30 s). */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (watchdog != null) {
            watchdog.destroy();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or ran; nothing to remove.
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private String readLog() {
        try {
            return Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path binary(String name) {
        Optional<Path> found = BINARY_DIRS.stream().map(dir -> dir.resolve(name)).filter(Files::isExecutable)
                .findFirst();
        return found.orElseThrow(() -> new IllegalStateException("MariaDB's " + name + " is not installed (looked in "
                + "PATH and /usr/sbin): run ./flywheel test, which installs the Debian package mariadb-server, "
                + "or apt-get install -y mariadb-server"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
