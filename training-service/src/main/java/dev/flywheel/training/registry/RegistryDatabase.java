package dev.flywheel.training.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.runtime.PlatformConfig;
import dev.flywheel.training.config.TrainingConfig;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ExceptionSorter;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

/**
 * The registry's metadata database ({@code flywheel.training.registry-db.*}), pooled by Agroal and migrated
 * to {@link RegistrySchema} when the service starts. The JDBC URL chooses the database at run time: an
 * embedded H2 file in {@code <registry-dir>/.registry-db/} when none is set, PostgreSQL in production.
 */
@Singleton
public class RegistryDatabase {

    private static final Logger LOG = Logger.getLogger(RegistryDatabase.class);
    private static final int VALIDATION_SECONDS = 2;

    private final AgroalDataSource dataSource;
    private final String url;

    public RegistryDatabase(PlatformConfig platform, TrainingConfig config) {
        TrainingConfig.RegistryDb db = config.registryDb();
        this.url = db.url().orElseGet(() -> embeddedUrl(Path.of(platform.registryDir())));
        this.dataSource = open(url, db.username(), db.password(), db.maxConnections());
        int schema = RegistrySchema.migrate(dataSource);
        LOG.infof("registry database %s at schema version %d", redacted(url), schema);
    }

    public AgroalDataSource dataSource() {
        return dataSource;
    }

    public String url() {
        return url;
    }

    @PreDestroy
    void close() {
        dataSource.close();
    }

    /** An H2 file database beside the artifacts; its folder is hidden, so it is never read as a pipeline. */
    public static String embeddedUrl(Path registryDir) {
        Path folder = registryDir.toAbsolutePath().normalize().resolve(".registry-db");
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the registry database folder " + folder + ": "
                    + e.getMessage(), e);
        }
        return "jdbc:h2:file:" + folder.resolve("registry");
    }

    /** A pool on {@code url}, its driver chosen by the URL's prefix. */
    public static AgroalDataSource open(String url, Optional<String> username, Optional<String> password,
                                        int maxConnections) {
        Class<? extends Driver> driver = driverOf(url);
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .minSize(0)
                        .initialSize(0)
                        .maxSize(maxConnections)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        // After a database restart the pooled connections are dead: each is checked when
                        // borrowed, and one that failed fatally (a connection error) is dropped, not reused.
                        .validateOnBorrow(true)
                        .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout(VALIDATION_SECONDS))
                        .exceptionSorter(ExceptionSorter.fatalExceptionSorter())
                        .connectionFactoryConfiguration(factory -> {
                            factory.jdbcUrl(url).connectionProviderClass(driver);
                            username.ifPresent(name -> factory.principal(new NamePrincipal(name)));
                            password.ifPresent(secret -> factory.credential(new SimplePassword(secret)));
                            return factory;
                        }));
        try {
            return AgroalDataSource.from(configuration);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the registry database " + redacted(url) + ": "
                    + e.getMessage(), e);
        }
    }

    private static Class<? extends Driver> driverOf(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return org.h2.Driver.class;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return org.postgresql.Driver.class;
        }
        throw new IllegalArgumentException("flywheel.training.registry-db.url must start with jdbc:h2: or"
                + " jdbc:postgresql: but was '" + redacted(url) + "'");
    }

    /** The URL without query parameters, which may hold a password. */
    private static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }
}
