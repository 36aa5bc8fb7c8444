package dev.flywheel.training.registry;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the registry database answers: the pool is this service's own (not a Quarkus datasource),
 * so Quarkus cannot check it. Produces the check {@code registry-database} with the database's product name.
 */
@Readiness
@Singleton
public class RegistryDatabaseReadiness implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    private final RegistryDatabase database;

    public RegistryDatabaseReadiness(RegistryDatabase database) {
        this.database = database;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = database.dataSource().getConnection()) {
            boolean valid = connection.isValid(TIMEOUT_SECONDS);
            return HealthCheckResponse.named("registry-database").status(valid)
                    .withData("database", connection.getMetaData().getDatabaseProductName())
                    .build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("registry-database").down().withData("error", e.getMessage()).build();
        }
    }
}
