package dev.flywheel.training.registry;

import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;

import io.agroal.api.AgroalDataSource;

/** The registry on its default database: an embedded H2 file, one per test, migrated at open. */
class H2ModelRegistryTest extends ModelRegistryContract {

    private AgroalDataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = RegistryDatabase.open(RegistryDatabase.embeddedUrl(folder), Optional.empty(), Optional.empty(),
                    2);
            RegistrySchema.migrate(dataSource);
        }
        return dataSource;
    }

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
